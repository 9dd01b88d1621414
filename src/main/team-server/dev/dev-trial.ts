import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { Kysely } from 'kysely';
import { resolveTeamConfig, type TeamServerConfig } from '../team-config';
import type { TeamDB } from '../team-schema';
import { createTeamUsers } from '../team-users';
import { devSubject, startDevProvider, type DevProvider, type DevUser } from './dev-provider';

export const DEV_CLIENT_ID = 'tpd-companion-dev';

/** A free TCP port on 127.0.0.1 (the server's address must be known before the provider is told it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Puts the development people on the server, bound to the provider's subjects, each with the role
 * and scope the file gives. Run at every --dev start: the provider's address (its issuer) is new
 * each time.
 */
export async function seedDevUsers(db: Kysely<TeamDB>, issuer: string, users: DevUser[], now: () => Date) {
  const teamUsers = createTeamUsers(db, now);
  for (const user of users) {
    const email = user.email.toLowerCase();
    const at = now().toISOString();
    const existing = await db.selectFrom('team_users').select('id').where('email', '=', email).executeTakeFirst();
    const id = existing?.id ?? `dev-user-${devSubject(email)}`;
    if (existing)
      await db
        .updateTable('team_users')
        .set({ issuer, subject: devSubject(email), display_name: user.name, updated_at: at })
        .where('id', '=', id)
        .execute();
    else
      await db
        .insertInto('team_users')
        .values({
          id,
          issuer,
          subject: devSubject(email),
          email,
          display_name: user.name,
          created_at: at,
          updated_at: at,
          last_sign_in_at: null,
        })
        .execute();
    await teamUsers.grant(id, user.role, user.scope, user.programmes);
  }
}

export interface DevTrialOptions {
  databaseUrl: string;
  recordsDir: string;
  users: DevUser[];
  /** The server's port (0: a free one). */
  port?: number;
  sessions?: { idleMinutes?: number; absoluteHours?: number };
  /** Register a public client (no secret, PKCE alone) instead of a confidential one. */
  publicClient?: boolean;
  /** Extra redirect URIs the dev client accepts (a second server's, in tests). */
  extraRedirectUris?: string[];
}

/** The development provider, and a configuration for a server on 127.0.0.1 that signs in with it. */
export async function startDevTrial(
  options: DevTrialOptions,
): Promise<{ provider: DevProvider; config: TeamServerConfig }> {
  const port = options.port || (await freePort());
  const publicUrl = `http://127.0.0.1:${port}`;
  const clientSecret = options.publicClient ? null : randomBytes(24).toString('base64url');
  const provider = await startDevProvider({
    users: options.users,
    clients: [
      {
        clientId: DEV_CLIENT_ID,
        clientSecret,
        redirectUris: [`${publicUrl}/auth/callback`, ...(options.extraRedirectUris ?? [])],
        postLogoutRedirectUris: [`${publicUrl}/auth/signed-out`],
      },
    ],
  });
  const config = resolveTeamConfig(
    {
      publicUrl,
      listen: { host: '127.0.0.1', port },
      databaseUrl: options.databaseUrl,
      oidc: {
        issuer: provider.issuer,
        clientId: DEV_CLIENT_ID,
        ...(clientSecret ? { clientSecret } : {}),
        clientAuth: clientSecret ? 'client_secret_basic' : 'none',
        displayName: 'the development provider',
      },
      sessions: { idleMinutes: 30, absoluteHours: 12, ...options.sessions },
      recordsDir: options.recordsDir,
    },
    { dev: true, env: {}, configDir: process.cwd() },
  );
  return { provider, config };
}
