/**
 * `npm run server -- [options]`: the team server (docs/team-server.md).
 *
 *   --config FILE        the JSON configuration (or TPD_SERVER_CONFIG)
 *   --pg URL             the PostgreSQL connection string (over TPD_DATABASE_URL and the file's databaseUrl)
 *   --migrate            bring the team tables up to date, then stop (run it with the owner role's URL)
 *   --add-admin WHO      give WHO (an email address, or the provider's subject) the admin role, then stop
 *   --dev                a one-command trial: a development provider with the people in dev/dev-users.json,
 *                        demo records, plain HTTP on 127.0.0.1. With --config, that configuration over HTTP.
 *   --port N             (--dev) the port to listen on; a free one by default
 *   --records DIR        (--dev) where the interim records live; ~/.tpd-companion/team-dev-records by default
 *   --renderer DIR       the built renderer to serve (out/renderer)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveTeamConfig, TeamConfigError, type TeamServerConfig } from './team-config';
import { migrateTeamDatabase, openTeamDatabase, pendingTeamMigrations } from './team-db';
import { defaultRendererDir } from './team-http';
import { createTeamUsers } from './team-users';

const DEV_DATABASE_URL = 'postgres://tpd_dev:tpd_dev@127.0.0.1:5432/tpd_dev';
const version = process.env.npm_package_version ?? 'dev';

function readConfig(file: string, options: { dev: boolean; pg?: string | undefined }): TeamServerConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TeamConfigError(`The configuration ${file} could not be read: ${(error as Error).message}`);
  }
  return resolveTeamConfig(raw, {
    dev: options.dev,
    env: process.env,
    configDir: path.dirname(path.resolve(file)),
    ...(options.pg ? { databaseUrl: options.pg } : {}),
  });
}

async function withDatabase<T>(url: string, work: (db: ReturnType<typeof openTeamDatabase>['db']) => Promise<T>) {
  const database = openTeamDatabase(url);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', default: process.env.TPD_SERVER_CONFIG },
      pg: { type: 'string' },
      migrate: { type: 'boolean', default: false },
      'add-admin': { type: 'string' },
      dev: { type: 'boolean', default: false },
      port: { type: 'string', default: '0' },
      records: { type: 'string', default: path.join(os.homedir(), '.tpd-companion', 'team-dev-records') },
      renderer: { type: 'string', default: defaultRendererDir(process.cwd()) },
    },
    allowPositionals: false,
  });

  if (values.dev && !values.config) return runDevTrial(values);
  if (!values.config)
    throw new TeamConfigError(
      'Name the configuration: npm run server -- --config /etc/tpd-companion/server.json (or --dev for a trial).',
    );
  const config = readConfig(values.config, { dev: values.dev, pg: values.pg });

  if (values.migrate) {
    const ran = await withDatabase(config.databaseUrl, migrateTeamDatabase);
    console.log(ran.length ? `Ran ${ran.join(', ')}.` : 'The team tables are up to date.');
    return;
  }
  if (values['add-admin'] !== undefined) {
    const who = values['add-admin'];
    await withDatabase(config.databaseUrl, async (db) => {
      const pending = await pendingTeamMigrations(db);
      if (pending.length) throw new Error('Run "npm run server -- --migrate" first.');
      const done = await createTeamUsers(db, () => new Date()).addAdmin(who, config.oidc.issuer);
      console.log(
        `${done.created ? 'Added' : 'Found'} ${who}; ${done.roleAdded ? 'they are now an administrator' : 'they were already an administrator'}.` +
          (who.includes('@') ? ' Their first sign-in with that email binds their account.' : ''),
      );
    });
    return;
  }
  requireRenderer(values.renderer);
  // The records (every service, PDF and Word writers) load only when serving: --migrate and --add-admin stay quick.
  const { runTeamServer } = await import('./team-server');
  const server = await runTeamServer({ config, rendererDir: values.renderer, version });
  console.log(`TPD Companion team server listening on ${server.url}, answering as ${config.publicUrl.origin}`);
  stopOnSignal(server.close);
}

function requireRenderer(dir: string): void {
  if (!fs.existsSync(path.join(dir, 'index.html')))
    throw new Error(`No built renderer in ${dir}; run "npm run build" first (npm run server does this for you).`);
}

function stopOnSignal(close: () => Promise<void>): void {
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function runDevTrial(values: { pg?: string | undefined; port: string; records: string; renderer: string }) {
  requireRenderer(values.renderer);
  const { readDevUsers } = await import('./dev/dev-provider');
  const { seedDevUsers, startDevTrial } = await import('./dev/dev-trial');
  const { openInterimRecords, runTeamServer } = await import('./team-server');
  const databaseUrl = values.pg ?? process.env.TPD_DATABASE_URL ?? DEV_DATABASE_URL;
  try {
    await withDatabase(databaseUrl, migrateTeamDatabase);
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${databaseUrl.replace(/:[^:@/]*@/, ':…@')} could not be used: ${(error as Error).message}\n` +
        'Start the local cluster and make the development database once (as root on Debian):\n' +
        '  pg_ctlcluster 15 main start\n' +
        `  su postgres -c "psql -c \\"create role tpd_dev login password 'tpd_dev'\\" -c \\"create database tpd_dev owner tpd_dev\\""\n` +
        'or name another with --pg postgres://user:password@host/database.',
    );
  }
  const users = readDevUsers();
  const recordsDir = path.resolve(values.records);
  const { provider, config } = await startDevTrial({ databaseUrl, recordsDir, users, port: Number(values.port) });
  await withDatabase(databaseUrl, (db) => seedDevUsers(db, provider.issuer, users, () => new Date()));

  const records = await openInterimRecords(recordsDir, version);
  const info = await records.dispatch('app:info', {});
  if (info.ok && (info.data as { traineeCount: number }).traineeCount === 0) {
    const loaded = await records.dispatch('demo:load', { size: 'standard' });
    if (!loaded.ok) throw new Error(loaded.error.message);
    console.log('Loaded the standard demo records (synthetic).');
  }
  const server = await runTeamServer({ config, rendererDir: values.renderer, version, records });
  console.log('TPD Companion team server — development trial (plain HTTP on 127.0.0.1; never for real data).');
  console.log(`Records (interim, until the PostgreSQL store): ${recordsDir}`);
  console.log(`Development sign-in provider: ${provider.issuer}`);
  console.log('People (src/main/team-server/dev/dev-users.json):');
  for (const user of users) console.log(`  ${user.role.padEnd(24)} ${user.email}  password: ${user.password}`);
  console.log(`Open: ${config.publicUrl.origin}/`);
  console.log('Press Ctrl+C to stop.');
  stopOnSignal(async () => {
    await server.close();
    await provider.close();
  });
}

main().catch((error: unknown) => {
  console.error(`The team server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
