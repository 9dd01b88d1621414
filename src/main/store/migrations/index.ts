import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_everyday';
import * as m0003 from './0003_exams';
import * as m0004 from './0004_arcp';
import * as m0005 from './0005_arcp_reference_nhse';
import * as m0006 from './0006_scale_indexes';
import * as m0007 from './0007_search_names';
import * as m0008 from './0008_attempt_item_count';
import * as m0009 from './0009_export_log';
import * as m0010 from './0010_handover';
import * as m0011 from './0011_retention';
import * as m0012 from './0012_extensions';
import * as m0013 from './0013_evaluation_characteristics';
import * as m0014 from './0014_trainee_indexes';
import * as m0015 from './0015_today_rows';
import * as m0016 from './0016_record_checks';

/**
 * Every migration the app knows, in order. A static list, because a folder scan stops
 * working once main is bundled. Names are frozen once released.
 */
export const MIGRATIONS: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001_initial', m0001],
  ['0002_everyday', m0002],
  ['0003_exams', m0003],
  ['0004_arcp', m0004],
  ['0005_arcp_reference_nhse', m0005],
  ['0006_scale_indexes', m0006],
  ['0007_search_names', m0007],
  ['0008_attempt_item_count', m0008],
  ['0009_export_log', m0009],
  ['0010_handover', m0010],
  ['0011_retention', m0011],
  ['0012_extensions', m0012],
  ['0013_evaluation_characteristics', m0013],
  ['0014_trainee_indexes', m0014],
  ['0015_today_rows', m0015],
  ['0016_record_checks', m0016],
];

/**
 * Migrations that rebuild tables (SQLite's procedure for a change ALTER TABLE cannot make): the
 * store runs them with foreign keys off, as that procedure's first step says, and they check the
 * keys themselves before they commit.
 */
export const REBUILDS_TABLES: ReadonlySet<string> = new Set(['0016_record_checks']);
