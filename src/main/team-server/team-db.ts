import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { TEAM_MIGRATIONS, TEAM_MIGRATION_LOCK_TABLE, TEAM_MIGRATION_TABLE } from './migrations';
import type { TeamDB } from './team-schema';

export interface TeamDatabase {
  db: Kysely<TeamDB>;
  close(): Promise<void>;
}

/** How many connections one server process holds; several processes share one PostgreSQL. */
const POOL_SIZE = 10;

/**
 * A pool on the team's PostgreSQL from a connection string (`postgres://user:password@host/db`,
 * `?sslmode=require` where the database is not on this machine).
 */
export function openTeamDatabase(connectionString: string): TeamDatabase {
  const pool = new pg.Pool({ connectionString, max: POOL_SIZE, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its connection (PostgreSQL restarted) must not crash the process.
  pool.on('error', (error) => console.error('[team-server] PostgreSQL connection lost:', error.message));
  const db = new Kysely<TeamDB>({ dialect: new PostgresDialect({ pool }) });
  return { db, close: () => db.destroy() };
}

/** The error a migration run ends with, in words an operator can act on. */
export class TeamMigrationError extends Error {
  override name = 'TeamMigrationError';
}

/**
 * Brings the team tables up to date. Kysely takes a lock table first, so two processes starting at
 * once run each migration once. A database with team migrations this version does not know (a
 * newer server ran) is refused, as the app refuses a newer SQLite file.
 */
export async function migrateTeamDatabase(db: Kysely<TeamDB>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => Object.fromEntries(TEAM_MIGRATIONS) },
    migrationTableName: TEAM_MIGRATION_TABLE,
    migrationLockTableName: TEAM_MIGRATION_LOCK_TABLE,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    // Kysely names a migration it ran before but no longer knows as "missing": a newer server's.
    const newer = /previously executed migration .* is missing/.test((error as Error).message);
    throw new TeamMigrationError(
      newer
        ? 'This database was migrated by a newer version of the team server; install that version. Nothing was changed.'
        : `Updating the team tables failed: ${(error as Error).message}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Team migrations not yet run on this database (`npm run server -- --migrate` runs them). */
export async function pendingTeamMigrations(db: Kysely<TeamDB>): Promise<string[]> {
  const known = TEAM_MIGRATIONS.map(([name]) => name);
  const table = await sql<{
    exists: boolean;
  }>`select to_regclass(${TEAM_MIGRATION_TABLE}) is not null as exists`.execute(db);
  if (!table.rows[0]?.exists) return known;
  const done = await sql<{ name: string }>`select name from ${sql.table(TEAM_MIGRATION_TABLE)}`.execute(db);
  const executed = new Set(done.rows.map((r) => r.name));
  return known.filter((name) => !executed.has(name));
}
