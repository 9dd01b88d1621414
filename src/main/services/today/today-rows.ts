import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { TodayItem } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { idSlices } from '../../store/in-chunks';

/**
 * Today's rows kept in the encrypted file between sessions (migration 0015), so the first look
 * after unlocking reads one small table instead of every source. The file always holds the truth
 * as "saved rows, then re-read every trainee noted in today_dirty": triggers note a written trainee
 * in the same transaction as the write (today-cache.ts), and notes are removed only in the
 * transaction that saves those trainees' rows. A crash anywhere loses nothing but time.
 */

/** Bumped when what a saved row means changes without a migration or a new app version. */
const TODAY_ROWS_FORMAT = 1;

/** "Everyone": a write to a table without a trainee_id (settings, reference data), or an erasure. */
export const EVERYONE = '*';

export interface SavedToday {
  /** The day the day-dependent rows were read for. */
  day: string;
  /** The day the SQL sources' rows were read up to. */
  horizon: string;
  byTrainee: Map<string, TodayItem[]>;
}

/**
 * Which rules the rows were read by: the app's version, the last migration (one may change data or
 * rules without a write the triggers see) and the providers' own code (a development build changes
 * it without a new version). Rows read by other rules are read again.
 */
export async function rulesStamp(db: Kysely<DB>, version: string, code: readonly unknown[]): Promise<string> {
  const { rows } = await sql<{ name: string | null }>`SELECT max(name) AS name FROM kysely_migration`.execute(db);
  const hash = createHash('sha256').update(code.map(String).join('\n')).digest('hex').slice(0, 16);
  return `${TODAY_ROWS_FORMAT}|${version}|${rows[0]?.name ?? ''}|${hash}`;
}

/** The rows saved by the same rules, or null (none yet, other rules, or unreadable: then read everything). */
export async function loadSaved(db: Kysely<DB>, stamp: string): Promise<SavedToday | null> {
  const state = await db.selectFrom('today_state').selectAll().executeTakeFirst();
  if (!state || state.stamp !== stamp) return null;
  const byTrainee = new Map<string, TodayItem[]>();
  for (const row of await db.selectFrom('today_rows').select(['trainee_id', 'items']).execute())
    byTrainee.set(row.trainee_id, JSON.parse(row.items) as TodayItem[]);
  return { day: state.day, horizon: state.horizon, byTrainee };
}

export interface Notes {
  /** The trainees written since the rows were saved, or EVERYONE. */
  written: string[] | typeof EVERYONE;
  /** The last note read: saving removes the notes up to it, and any made later stay. */
  upTo: number;
}

export async function readNotes(db: Kysely<DB>): Promise<Notes> {
  const { rows } = await sql<{ id: number; trainee_id: string }>`
    SELECT rowid AS id, trainee_id FROM today_dirty ORDER BY rowid
  `.execute(db);
  const ids = new Set<string>();
  let everyone = false;
  for (const { trainee_id } of rows) {
    if (trainee_id === EVERYONE) everyone = true;
    else ids.add(trainee_id);
  }
  return { written: everyone ? EVERYONE : [...ids], upTo: rows.at(-1)?.id ?? 0 };
}

/** Notes that everyone has changed, as a settings write does: the next look reads everything (benchmarks use it). */
export async function noteEveryoneWritten(db: Kysely<DB> | Transaction<DB>): Promise<void> {
  await db.insertInto('today_dirty').values({ trainee_id: EVERYONE }).execute();
}

export interface RowsToSave {
  stamp: string;
  day: string;
  horizon: string;
  /** Every trainee's rows (`all`), or only the listed trainees' (an empty list deletes their row). */
  all: boolean;
  rows: Map<string, readonly TodayItem[]>;
  /** The notes these rows answer: removed in the same transaction. */
  upTo: number;
}

export async function saveRows(db: Kysely<DB>, save: RowsToSave): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (save.all) await trx.deleteFrom('today_rows').execute();
    else
      for (const ids of idSlices([...save.rows.keys()]))
        await trx.deleteFrom('today_rows').where('trainee_id', 'in', ids).execute();
    const kept = [...save.rows].filter(([, items]) => items.length > 0);
    // 500 rows a statement keeps each under SQLite's limit of bound values.
    for (let i = 0; i < kept.length; i += 500)
      await trx
        .insertInto('today_rows')
        .values(kept.slice(i, i + 500).map(([trainee_id, items]) => ({ trainee_id, items: JSON.stringify(items) })))
        .execute();
    await sql`DELETE FROM today_dirty WHERE rowid <= ${save.upTo}`.execute(trx);
    await trx
      .insertInto('today_state')
      .values({ id: 1, stamp: save.stamp, day: save.day, horizon: save.horizon })
      .onConflict((oc) => oc.column('id').doUpdateSet({ stamp: save.stamp, day: save.day, horizon: save.horizon }))
      .execute();
  });
}

/**
 * Erasure's part: the trainee's saved rows and notes go, and everyone is noted instead, so the
 * next look reads afresh (an erased trainee's id is not left behind in a note).
 */
export async function forgetTraineeInToday(trx: Transaction<DB>, traineeId: string): Promise<void> {
  await trx.deleteFrom('today_rows').where('trainee_id', '=', traineeId).execute();
  await trx.deleteFrom('today_dirty').where('trainee_id', '=', traineeId).execute();
  await noteEveryoneWritten(trx);
}
