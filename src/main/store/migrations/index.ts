import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';

/**
 * Every migration the app knows, in order. A static list, because a folder scan stops
 * working once main is bundled. Names are frozen once released.
 */
export const MIGRATIONS: ReadonlyArray<readonly [name: string, migration: Migration]> = [['0001_initial', m0001]];
