import type { Migration } from 'kysely';
import * as t0001 from './0001_team_sign_in';

/**
 * The team server's own migrations, in order, after the app's (src/main/store/migrations): tables
 * only a team server has (users, roles, sessions). They are kept in their own list and their own
 * migration table (`team_migration`) so that a personal SQLite database never gets them and the
 * app's list stays an exact prefix check of its own. Frozen once released.
 */
export const TEAM_MIGRATIONS: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001_team_sign_in', t0001],
];

export const TEAM_MIGRATION_TABLE = 'team_migration';
export const TEAM_MIGRATION_LOCK_TABLE = 'team_migration_lock';
