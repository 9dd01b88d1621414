import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { createBackend, type Backend } from '../backend';
import { loadOrCreateKey } from '../browser-host/host-key';
import { createIdentityProvider, type IdentityProvider } from './identity-provider';
import type { TeamServerConfig } from './team-config';
import { openTeamDatabase, pendingTeamMigrations } from './team-db';
import { startTeamServer, type RunningTeamServer } from './team-http';
import type { TeamDB } from './team-schema';

export interface TeamServerOptions {
  config: TeamServerConfig;
  rendererDir: string;
  version: string;
  now?: () => Date;
  /** The records to answer channels from; by default the interim SQLite file in `config.recordsDir`. */
  records?: Pick<Backend, 'dispatch' | 'events' | 'close'>;
  /** Tests pass one with a hook; normally made from `config.oidc`. */
  identity?: IdentityProvider;
}

export interface TeamServerProcess extends RunningTeamServer {
  db: Kysely<TeamDB>;
}

/** Until the PostgreSQL store lands: the records in an encrypted SQLite file on the server (one process). */
export async function openInterimRecords(recordsDir: string, version: string, now?: () => Date): Promise<Backend> {
  fs.mkdirSync(recordsDir, { recursive: true, mode: 0o700 });
  return createBackend({
    dataDir: recordsDir,
    key: loadOrCreateKey(recordsDir),
    version,
    backupFolder: path.join(recordsDir, 'backups'),
    ...(now ? { now } : {}),
  });
}

/**
 * One team server process: its PostgreSQL pool, sign-in through the configured provider, and the
 * HTTP(S) listener. Refuses to start on a database whose team tables are not up to date.
 */
export async function runTeamServer(options: TeamServerOptions): Promise<TeamServerProcess> {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const database = openTeamDatabase(config.databaseUrl);
  const pending = await pendingTeamMigrations(database.db).catch(async (error: unknown) => {
    await database.close();
    throw new Error(`PostgreSQL could not be reached: ${(error as Error).message}`);
  });
  if (pending.length > 0) {
    await database.close();
    throw new Error(
      `The team tables need updating (${pending.join(', ')}): run "npm run server -- --migrate" with the owner's connection string first.`,
    );
  }
  const identity =
    options.identity ??
    createIdentityProvider(config.oidc, {
      redirectUri: new URL('/auth/callback', config.publicUrl).toString(),
      postLogoutRedirectUri: new URL('/auth/signed-out', config.publicUrl).toString(),
      allowHttpIssuer: config.dev,
    });
  const records = options.records ?? (await openInterimRecords(config.recordsDir, options.version, now));
  let running: RunningTeamServer;
  try {
    running = await startTeamServer({
      config,
      db: database.db,
      identity,
      records,
      rendererDir: options.rendererDir,
      now,
    });
  } catch (error) {
    await records.close();
    await database.close();
    throw error;
  }
  return {
    ...running,
    db: database.db,
    close: async () => {
      await running.close();
      await records.close();
      await database.close();
    },
  };
}
