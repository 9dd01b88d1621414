import { sql, type Kysely } from 'kysely';
import { urgencyFor, type TodayItem } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { groupBy } from '../../store/in-chunks';
import { readSchemaTables } from '../../store/schema-tables';
import { TODAY_PROVIDERS, type TodayProvider } from './today-providers';

/**
 * Tables no Today provider reads, so a write to them leaves Today as it was. Every other table is
 * watched: a write to a table with a trainee_id marks that trainee, a write to any other table
 * (settings, exam and ARCP reference data) marks everyone. A new table is therefore watched
 * until it is listed here, which is slower but never stale.
 */
export const TABLES_TODAY_IGNORES: Record<string, string> = {
  change_log: 'the audit trail every write appends to',
  drafts: 'autosaved form drafts',
  daily_notifications: 'which day the reminder was shown',
  export_log: 'the record of exports',
  export_log_trainees: 'the record of exports',
  handover_imports: 'provenance of handed-over records',
  handover_records: 'provenance of handed-over records',
  evaluation_characteristics: 'kept out of every screen but the Evaluation tab',
  identified_needs: 'Today reads early-needs forms, not the needs found on them',
  meeting_goals: 'links of 1:1s to PLP goals',
  meeting_templates: 'agenda templates',
  plp_reviews: "a review writes its goal's next review date and status, which Today reads",
  support_catalogue: 'the list support is offered from; an offer copies its label',
  search_docs: 'the search index, kept by triggers',
};

/** The connection's own table of trainees written since Today last looked ("*": everyone). */
const DIRTY_TABLE = 'today_dirty';
const EVERYONE = '*';
/** Past this many changed trainees (an import, a handover) one read of everything is quicker. */
const REBUILD_ABOVE = 2_000;

/**
 * TEMP triggers (they live only in this connection, never in the file) that note in the same
 * transaction as each write which trainee it touched; a rolled-back write takes its note with it.
 */
async function watchWrites(db: Kysely<DB>): Promise<void> {
  await sql.raw(CREATE_DIRTY_TABLE).execute(db);
  for (const table of await readSchemaTables(db)) {
    if (table.virtual || table.name in TABLES_TODAY_IGNORES || table.name.startsWith('search_')) continue;
    const column = table.name === 'trainees' ? 'id' : table.columns.includes('trainee_id') ? 'trainee_id' : null;
    const note = (row: 'NEW' | 'OLD') =>
      `INSERT INTO ${DIRTY_TABLE} VALUES (${column ? `${row}."${column}"` : `'${EVERYONE}'`});`;
    const bodies = {
      INSERT: note('NEW'),
      UPDATE: column ? `${note('NEW')} ${note('OLD')}` : note('NEW'),
      DELETE: note('OLD'),
    };
    for (const [event, body] of Object.entries(bodies))
      await sql
        .raw(
          `CREATE TEMP TRIGGER IF NOT EXISTS "today_${table.name}_${event.toLowerCase()}" AFTER ${event} ON main."${table.name}" BEGIN ${body} END`,
        )
        .execute(db);
  }
}

const CREATE_DIRTY_TABLE = `CREATE TEMP TABLE IF NOT EXISTS ${DIRTY_TABLE} (trainee_id TEXT)`;

/** Notes that everyone has changed, as a settings write does: the next look reads everything (benchmarks use it). */
export async function noteEveryoneWritten(db: Kysely<DB>): Promise<void> {
  await sql.raw(CREATE_DIRTY_TABLE).execute(db);
  await sql.raw(`INSERT INTO ${DIRTY_TABLE} VALUES ('${EVERYONE}')`).execute(db);
}

/** Takes (and clears) the notes of written trainees. */
async function takeWritten(db: Kysely<DB>): Promise<string[] | typeof EVERYONE> {
  const { rows } = await sql<{ trainee_id: string | null }>`DELETE FROM temp.today_dirty RETURNING trainee_id`.execute(
    db,
  );
  const ids = new Set<string>();
  for (const { trainee_id } of rows) {
    if (trainee_id === EVERYONE) return EVERYONE;
    if (trainee_id !== null) ids.add(trainee_id);
  }
  return [...ids];
}

const byDueOn = (a: TodayItem, b: TodayItem) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0);

/** One kind's rows, oldest due first (by date alone). */
export interface KindRows {
  rows: TodayItem[];
  /**
   * Whether each row's urgency is the one its date gives (urgencyFor): then each urgency is one
   * run of dates, found by binary search. ARCP rows can be overdue before their date.
   */
  urgencyFollowsDate: boolean;
}

function kindRows(rows: TodayItem[], today: string): KindRows {
  return { rows, urgencyFollowsDate: rows.every((row) => row.urgency === urgencyFor(row.dueDate, today)) };
}

function byKindOf(items: TodayItem[], today: string): Map<string, KindRows> {
  const kinds = new Map<string, KindRows>();
  for (const [kind, rows] of groupBy(items, (item) => item.kind)) kinds.set(kind, kindRows(rows.sort(byDueOn), today));
  return kinds;
}

/**
 * The first index in `rows[from, to)` (by date) whose date is not before `date` (`after`: not on
 * or before it), by binary search.
 */
export function dateIndex(rows: readonly TodayItem[], date: string, after = false, from = 0, to = rows.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const due = rows[mid]!.dueDate;
    if (due < date || (after && due === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type TodayCache = ReturnType<typeof createTodayCache>;

/**
 * Every trainee's Today rows for one day, kept in memory. The first look of the day (or after an
 * unlock or a restore, which start a fresh cache) reads every provider whole; after that a look
 * re-reads only the trainees written since the last one, so Today costs what it shows, not the
 * size of the register.
 */
export function createTodayCache(db: Kysely<DB>, providers: TodayProvider[] = TODAY_PROVIDERS) {
  let byTrainee = new Map<string, TodayItem[]>();
  // Each kind's rows by date, made again only after a refresh changed something.
  let byKind: Map<string, KindRows> | null = null;
  let asOf: string | null = null;
  let watching: Promise<void> | null = null;
  // One refresh at a time: two interleaved ones could put an older read over a newer one.
  let queue: Promise<void> = Promise.resolve();

  async function readAll(today: string): Promise<void> {
    const lists = await Promise.all(providers.map((provider) => provider(db, today)));
    byTrainee = groupBy(lists.flat(), (item) => item.traineeId);
    byKind = null;
  }

  async function readTrainees(today: string, traineeIds: string[]): Promise<void> {
    const lists = await Promise.all(providers.map((provider) => provider(db, today, traineeIds)));
    const fresh = new Map<string, TodayItem[]>(traineeIds.map((id) => [id, []]));
    const added: TodayItem[] = [];
    for (const item of lists.flat()) {
      // A provider that ignored the list would hand back other trainees' rows: they are not news.
      const mine = fresh.get(item.traineeId);
      if (!mine) continue;
      mine.push(item);
      added.push(item);
    }
    const removed = traineeIds.flatMap((id) => byTrainee.get(id) ?? []);
    for (const [id, items] of fresh) {
      if (items.length > 0) byTrainee.set(id, items);
      else byTrainee.delete(id);
    }
    // Past a few hundred rows, sorting afresh on the next look is quicker than moving each row.
    if (removed.length + added.length > 1_000) byKind = null;
    if (!byKind) return;
    // The few changed trainees' rows out and their new rows in, each found by binary search.
    for (const item of removed) {
      const kind = byKind.get(item.kind);
      if (!kind) continue;
      let at = dateIndex(kind.rows, item.dueDate);
      while (at < kind.rows.length && kind.rows[at] !== item) at++;
      kind.rows.splice(at, 1);
      if (kind.rows.length === 0) byKind.delete(item.kind);
    }
    for (const item of added) {
      let kind = byKind.get(item.kind);
      if (!kind) byKind.set(item.kind, (kind = { rows: [], urgencyFollowsDate: true }));
      kind.rows.splice(dateIndex(kind.rows, item.dueDate, true), 0, item);
      kind.urgencyFollowsDate &&= item.urgency === urgencyFor(item.dueDate, today);
    }
  }

  async function refreshNow(today: string): Promise<void> {
    // A failed attempt to install the triggers is tried again on the next look.
    await (watching ??= watchWrites(db).catch((error: unknown) => {
      watching = null;
      throw error;
    }));
    try {
      const written = await takeWritten(db);
      if (asOf !== today || written === EVERYONE || written.length > REBUILD_ABOVE) {
        asOf = null;
        await readAll(today);
        asOf = today;
      } else if (written.length > 0) {
        await readTrainees(today, written);
      }
    } catch (error) {
      // The notes are taken: the next look must read everything again.
      asOf = null;
      throw error;
    }
  }

  return {
    /** Brings the rows up to date for `today` (yyyy-MM-dd). */
    refresh(today: string): Promise<void> {
      const run = queue.then(() => refreshNow(today));
      queue = run.catch(() => undefined);
      return run;
    },
    /** Every cached row by kind, each kind oldest due first (rows due the same day in no particular order). */
    byKind(): ReadonlyMap<string, KindRows> {
      return (byKind ??= byKindOf([...byTrainee.values()].flat(), asOf ?? ''));
    },
    forTrainee(traineeId: string): readonly TodayItem[] {
      return byTrainee.get(traineeId) ?? [];
    },
  };
}
