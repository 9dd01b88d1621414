import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { shiftDate } from '../../../shared/dates';
import {
  DUE_SOON_DAYS,
  urgencyFor,
  windowEnd,
  type TodayItem,
  type TodayUrgency,
} from '../../../shared/today/today-types';
import type { ReadRows } from '../../store/open-store';
import type { DB } from '../../store/schema';
import { idSlices } from '../../store/in-chunks';

/**
 * Today's rows kept up to date in the encrypted file (migration 0015): a look at Today first
 * re-reads the trainees written since the last look (today-cache.ts), then asks SQL for the counts
 * and the few rows it shows. The file always holds the truth as "the rows, then re-read every
 * trainee noted in today_dirty": triggers note a written trainee in the same transaction as the
 * write, and notes are removed only in the transaction that replaces those trainees' rows. A crash
 * anywhere loses nothing but time.
 */

/** Bumped when what a saved row means changes without a migration or a new app version. */
const TODAY_ROWS_FORMAT = 1;

/**
 * "Everyone": a write to a table without a trainee_id (exam and ARCP reference data, the retention period).
 * Only the day providers read such tables (the SQL sources read only tables with a trainee_id,
 * which test/node/today-cache.test.ts holds them to), so it means reading those again for everyone.
 */
export const EVERYONE = '*';

export interface TodayState {
  /** The day the rows were last brought up to date for. */
  day: string;
  /** The day the dated rows were read up to (their window's end falls that much later). */
  horizon: string;
  /** The rows not dated are there for every day from `day` to this one (read ahead while idle). */
  stagedUntil: string;
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

/** What the rows are for, or null when there are none by these rules (then read everything). */
export async function readState(db: Kysely<DB>, stamp: string): Promise<TodayState | null> {
  const state = await db.selectFrom('today_state').selectAll().executeTakeFirst();
  return state && state.stamp === stamp
    ? { day: state.day, horizon: state.horizon, stagedUntil: state.staged_until }
    : null;
}

export interface Notes {
  /** The trainees written since the rows were brought up to date. */
  written: string[];
  /** Whether a table about no one trainee was written too. */
  everyone: boolean;
  /** The last note read: replacing those trainees' rows removes the notes up to it; later ones stay. */
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
  return { written: [...ids], everyone, upTo: rows.at(-1)?.id ?? 0 };
}

/**
 * Forgets what the rows are for, as an upgrade does: the next look reads everything again
 * (benchmarks time that look).
 */
export async function forgetTodayState(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('today_state').execute();
}

/** Rows to add: the dated ones as they are, the others as read for `day`. */
export interface RowsForDay {
  day: string;
  items: readonly TodayItem[];
}

export interface RowsUpdate {
  stamp: string;
  state: TodayState;
  /**
   * Which rows go: all of them; the rows not dated of days before `state.day` (a new day) or of
   * every day (a write to the retention period or reference data); and every row of the listed trainees.
   */
  remove: { all?: boolean; undated?: 'past' | 'every'; traineeIds?: readonly string[] };
  add: readonly RowsForDay[];
  /** The kinds whose urgency follows their date (the SQL sources'). */
  dated: ReadonlySet<string>;
  /** The notes this update answers (0: none, as when reading ahead). */
  upTo: number;
}

/** Replaces rows and removes the notes they answer, in one transaction. */
export async function updateRows(db: Kysely<DB>, update: RowsUpdate): Promise<void> {
  const { remove, state, stamp, dated } = update;
  await db.transaction().execute(async (trx) => {
    // Each removal takes its rows out of today_counts too.
    if (remove.all) {
      await trx.deleteFrom('today_rows').execute();
      await trx.deleteFrom('today_counts').execute();
    }
    if (remove.undated === 'every') {
      await trx.deleteFrom('today_rows').where('dated', '=', 0).execute();
      await trx.deleteFrom('today_counts').where('dated', '=', 0).execute();
    }
    if (remove.undated === 'past') {
      await trx.deleteFrom('today_rows').where('dated', '=', 0).where('day', '<', state.day).execute();
      await trx.deleteFrom('today_counts').where('dated', '=', 0).where('day', '<', state.day).execute();
    }
    for (const ids of idSlices(remove.traineeIds ?? [])) {
      await sql`
        UPDATE today_counts SET n = n - r.c
        FROM (
          SELECT kind, due_on, dated, urgency, coalesce(day, '') AS day, count(*) AS c FROM today_rows
          WHERE trainee_id IN (${sql.join(ids)}) GROUP BY 1, 2, 3, 4, 5
        ) AS r
        WHERE today_counts.kind = r.kind AND today_counts.due_on = r.due_on AND today_counts.dated = r.dated
          AND today_counts.urgency = r.urgency AND today_counts.day = r.day
      `.execute(trx);
      await trx.deleteFrom('today_rows').where('trainee_id', 'in', ids).execute();
    }
    // The rows in a statement or two, unpacked by SQLite from one JSON array of the items: a read of
    // everything adds twenty thousand, and as many bound inserts cost more than the read.
    for (const { day, items } of update.add)
      for (const isDated of [true, false]) {
        const these = items.filter((item) => dated.has(item.kind) === isDated);
        if (these.length > 0)
          await sql`
            INSERT INTO today_rows (trainee_id, kind, due_on, dated, urgency, item, day)
            SELECT value ->> 'traineeId', value ->> 'kind', value ->> 'dueDate', ${isDated ? 1 : 0},
              value ->> 'urgency', value, ${isDated ? null : day}
            FROM json_each(${JSON.stringify(these)})
          `.execute(trx);
      }
    await addCounts(trx, update.add, dated);
    await sql`DELETE FROM today_dirty WHERE rowid <= ${update.upTo}`.execute(trx);
    const row = { day: state.day, horizon: state.horizon, staged_until: state.stagedUntil };
    await trx
      .insertInto('today_state')
      .values({ id: 1, stamp, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet({ stamp, ...row }))
      .execute();
  });
}

/** Adds the new rows to today_counts, grouped here, and drops the counts that reached nothing. */
async function addCounts(trx: Transaction<DB>, add: readonly RowsForDay[], dated: ReadonlySet<string>): Promise<void> {
  const counts = new Map<
    string,
    [kind: string, dueOn: string, dated: number, urgency: string, day: string, n: number]
  >();
  for (const { day, items } of add)
    for (const item of items) {
      const isDated = dated.has(item.kind);
      const key = [item.kind, item.dueDate, isDated, item.urgency, isDated ? '' : day].join('|');
      const count = counts.get(key);
      if (count) count[5] += 1;
      else counts.set(key, [item.kind, item.dueDate, isDated ? 1 : 0, item.urgency, isDated ? '' : day, 1]);
    }
  if (counts.size > 0)
    await sql`
      INSERT INTO today_counts (kind, due_on, dated, urgency, day, n)
      SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
      FROM json_each(${JSON.stringify([...counts.values()])}) WHERE true
      ON CONFLICT (kind, due_on, dated, urgency, day) DO UPDATE SET n = n + excluded.n
    `.execute(trx);
  await trx.deleteFrom('today_counts').where('n', '<=', 0).execute();
}

// The reads below go through store.readRows (plain arrays, statements prepared once).

/** A dated row shows once its window opens; the others on the day they were read for. */
const SHOWN = `((dated = 1 AND due_on <= :end) OR (dated = 0 AND day = :today))`;
const URGENCY = `CASE WHEN dated = 0 THEN urgency WHEN due_on < :today THEN 'overdue' WHEN due_on <= :soon THEN 'due_soon' ELSE 'upcoming' END`;
/** The dated rows of one urgency: a run of dates. */
const DATED_OF: Record<TodayUrgency, string> = {
  overdue: `dated = 1 AND due_on < :today`,
  due_soon: `dated = 1 AND due_on >= :today AND due_on <= :soon`,
  upcoming: `dated = 1 AND due_on > :soon AND due_on <= :end`,
};
/** The others of one urgency: as read for today. */
const UNDATED_OF = `dated = 0 AND day = :today AND urgency = :urgency`;

function dates(today: string) {
  return { today, soon: shiftDate(today, DUE_SOON_DAYS), end: windowEnd(today) };
}

function itemOf(json: string, dated: number, today: string, urgency?: TodayUrgency): TodayItem {
  const item = JSON.parse(json) as TodayItem;
  // A dated row's urgency is the one its date gives today (it was saved on an earlier day, perhaps).
  if (dated === 1) item.urgency = urgency ?? urgencyFor(item.dueDate, today);
  return item;
}

/** How many rows of each kind show today, by urgency (from today_counts: one row a date, not a row a row). */
export async function countRows(
  readRows: ReadRows,
  today: string,
): Promise<Array<[kind: string, urgency: TodayUrgency, count: number]>> {
  return readRows(`SELECT kind, ${URGENCY} AS u, sum(n) FROM today_counts WHERE ${SHOWN} GROUP BY kind, u`, [
    dates(today),
  ]);
}

/**
 * The first `limit` rows of one urgency (of one kind, or all) by date, and any due the same day as
 * the last of them: the order within a day (trainee, title) is the caller's to settle. The last
 * date needed comes from today_counts; then only rows up to it are read, by index.
 */
export async function firstRows(
  readRows: ReadRows,
  today: string,
  urgency: TodayUrgency,
  limit: number,
  kind: string | null,
): Promise<TodayItem[]> {
  const ofKind = kind === null ? '' : ' AND kind = :kind';
  const params = { ...dates(today), urgency, ...(kind === null ? {} : { kind }) };
  const perDate = await readRows<[string, number]>(
    `SELECT due_on, sum(n) FROM today_counts WHERE ((${DATED_OF[urgency]}) OR (${UNDATED_OF}))${ofKind}
     GROUP BY due_on ORDER BY due_on`,
    [params],
  );
  let last: string | null = null;
  let seen = 0;
  for (const [dueOn, n] of perDate) {
    last = dueOn;
    seen += n;
    if (seen >= limit) break;
  }
  if (last === null) return [];
  const upTo = { ...params, last };
  const dated = await readRows<[string]>(
    `SELECT item FROM today_rows WHERE ${DATED_OF[urgency]} AND due_on <= :last${ofKind}`,
    [upTo],
  );
  const undated = await readRows<[string]>(
    `SELECT item FROM today_rows WHERE ${UNDATED_OF} AND due_on <= :last${ofKind}`,
    [upTo],
  );
  return [
    ...dated.map(([json]) => itemOf(json, 1, today, urgency)),
    ...undated.map(([json]) => itemOf(json, 0, today)),
  ];
}

/** Each kind's earliest rows (all due on its first date, found in today_counts), to order the kinds by. */
export async function earliestOfEachKind(readRows: ReadRows, today: string): Promise<TodayItem[]> {
  const rows = await readRows<[string, number]>(
    `SELECT r.item, r.dated FROM today_rows r
     JOIN (SELECT kind, min(due_on) AS first FROM today_counts WHERE ${SHOWN} GROUP BY kind) f
       ON f.kind = r.kind AND f.first = r.due_on
     WHERE ((r.dated = 1 AND r.due_on <= :end) OR (r.dated = 0 AND r.day = :today))`,
    [dates(today)],
  );
  return rows.map(([json, dated]) => itemOf(json, dated, today));
}

/** One trainee's rows that show today, in no particular order. */
export async function rowsOfTrainee(readRows: ReadRows, today: string, traineeId: string): Promise<TodayItem[]> {
  const rows = await readRows<[string, number]>(
    `SELECT item, dated FROM today_rows WHERE trainee_id = :traineeId AND ${SHOWN}`,
    [{ ...dates(today), traineeId }],
  );
  return rows.map(([json, dated]) => itemOf(json, dated, today));
}

/** Every row that shows today and is due by then: what the daily notification counts. */
export async function rowsDueBy(readRows: ReadRows, today: string): Promise<TodayItem[]> {
  const rows = await readRows<[string, number]>(
    `SELECT item, dated FROM today_rows WHERE due_on <= :today AND ${SHOWN}`,
    [dates(today)],
  );
  return rows.map(([json, dated]) => itemOf(json, dated, today));
}
