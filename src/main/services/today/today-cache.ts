import { sql, type Kysely } from 'kysely';
import { shiftDate } from '../../../shared/dates';
import { urgencyFor, windowEnd, type TodayItem } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { groupBy } from '../../store/in-chunks';
import { readSchemaTables } from '../../store/schema-tables';
import { EVERYDAY_SQL_SOURCES, sourceProvider, type AnyTodaySqlSource } from './everyday-providers';
import { TODAY_DAY_PROVIDERS, type TodayProvider } from './today-providers';
import { EVERYONE, loadSaved, readNotes, rulesStamp, saveRows, type RowsToSave } from './today-rows';

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
  today_rows: "Today's own saved rows",
  today_dirty: "Today's own notes of written trainees",
  today_state: "Today's own bookkeeping",
};

/** Past this many changed trainees (an import, a handover) one read of everything is quicker. */
const REBUILD_ABOVE = 2_000;

/**
 * The SQL sources are read this many days ahead (their rows due within the window of that later
 * day too), so the rows saved today still serve the rest of the week: a new day then re-reads only
 * the day providers.
 */
export const READ_AHEAD_DAYS = 7;

/**
 * TEMP triggers (they live only in this connection, never in the file, and follow the live schema)
 * that note in today_dirty, in the same transaction as each write, which trainee it touched; a
 * rolled-back write takes its note with it. Installed when the store opens, before any write.
 */
async function watchWrites(db: Kysely<DB>): Promise<boolean> {
  const tables = await readSchemaTables(db);
  // A store left at an older schema (only migration tests open one) has nowhere to note writes.
  if (!tables.some((table) => table.name === 'today_dirty')) return false;
  for (const table of tables) {
    if (table.virtual || table.name in TABLES_TODAY_IGNORES || table.name.startsWith('search_')) continue;
    const column = table.name === 'trainees' ? 'id' : table.columns.includes('trainee_id') ? 'trainee_id' : null;
    const note = (row: 'NEW' | 'OLD') =>
      `INSERT INTO today_dirty (trainee_id) VALUES (${column ? `${row}."${column}"` : `'${EVERYONE}'`});`;
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
  return true;
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

/** Where Today's rows come from: the SQL sources (kept for days) and the day providers (read each day). */
export interface TodaySources {
  sql: readonly AnyTodaySqlSource[];
  day: readonly TodayProvider[];
}

const ALL_SOURCES: TodaySources = { sql: EVERYDAY_SQL_SOURCES, day: TODAY_DAY_PROVIDERS };

export type TodayCache = Awaited<ReturnType<typeof openTodayCache>>;

/**
 * Every trainee's Today rows, in memory and saved in the file (today-rows.ts). The first look of a
 * session loads the saved rows; a look re-reads only the trainees written since the last one; a
 * new day re-reads the day providers and settles the other rows' urgencies; everything is read
 * afresh only past the read-ahead, after a write that touches everyone, or under new rules. So
 * Today costs what it shows, not the size of the register. Opened with the store, before any
 * write, so that its triggers see every write of the session.
 */
export async function openTodayCache(db: Kysely<DB>, version: string, sources: TodaySources = ALL_SOURCES) {
  // Without its tables (an older schema) Today reads everything at every look and saves nothing.
  const kept = await watchWrites(db);
  const sqlKinds = new Set(sources.sql.map((source) => source.kind));
  const sqlProviders = sources.sql.map(sourceProvider);
  const code = [...sources.sql.flatMap((source) => [source.query, source.toItem]), ...sources.day];
  let stamp: string | null = null;
  let loaded = false;
  let byTrainee = new Map<string, TodayItem[]>();
  // Each kind's rows by date, made again only after a refresh changed many.
  let byKind: Map<string, KindRows> | null = null;
  // The day the day providers' rows (and every urgency) are for; the day the SQL rows reach.
  let day: string | null = null;
  let horizon: string | null = null;
  // Trainees whose rows changed since the last save reached the file ("all": every trainee's).
  let unsaved: Set<string> | 'all' = new Set();
  let notesUpTo = 0;
  // One refresh or save at a time: two interleaved ones could put an older read over a newer one.
  let queue: Promise<void> = Promise.resolve();

  /** Rows read ahead are kept but not shown until their window opens. */
  const shown = (item: TodayItem, today: string) => !sqlKinds.has(item.kind) || item.dueDate <= windowEnd(today);

  async function read(today: string, traineeIds?: readonly string[]): Promise<TodayItem[]> {
    const lists = await Promise.all([
      ...sqlProviders.map((provider) => provider(db, today, traineeIds, horizon ?? today)),
      ...sources.day.map((provider) => provider(db, today, traineeIds)),
    ]);
    return lists.flat();
  }

  async function readAll(today: string): Promise<void> {
    horizon = shiftDate(today, READ_AHEAD_DAYS);
    byTrainee = groupBy(await read(today), (item) => item.traineeId);
    byKind = null;
    day = today;
    unsaved = 'all';
  }

  /** A new day within the read-ahead: the day providers' rows afresh, every other row's urgency for the day. */
  async function turnDay(today: string): Promise<void> {
    const lists = await Promise.all(sources.day.map((provider) => provider(db, today)));
    const fresh = groupBy(lists.flat(), (item) => item.traineeId);
    const changed = new Set(fresh.keys());
    for (const [id, items] of byTrainee) {
      const kept: TodayItem[] = [];
      for (const item of items) {
        if (!sqlKinds.has(item.kind)) changed.add(id);
        else {
          const urgency = urgencyFor(item.dueDate, today);
          kept.push(urgency === item.urgency ? item : { ...item, urgency });
        }
      }
      byTrainee.set(id, kept);
    }
    for (const [id, items] of fresh) byTrainee.set(id, [...(byTrainee.get(id) ?? []), ...items]);
    for (const [id, items] of byTrainee) if (items.length === 0) byTrainee.delete(id);
    byKind = null;
    day = today;
    if (unsaved !== 'all') for (const id of changed) unsaved.add(id);
  }

  async function readTrainees(today: string, traineeIds: string[]): Promise<void> {
    const fresh = new Map<string, TodayItem[]>(traineeIds.map((id) => [id, []]));
    const added: TodayItem[] = [];
    for (const item of await read(today, traineeIds)) {
      // A provider that ignored the list would hand back other trainees' rows: they are not news.
      const mine = fresh.get(item.traineeId);
      if (!mine) continue;
      mine.push(item);
      if (shown(item, today)) added.push(item);
    }
    const removed = traineeIds.flatMap((id) => byTrainee.get(id) ?? []).filter((item) => shown(item, today));
    for (const [id, items] of fresh) {
      if (items.length > 0) byTrainee.set(id, items);
      else byTrainee.delete(id);
      if (unsaved !== 'all') unsaved.add(id);
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
    stamp ??= await rulesStamp(db, version, code);
    try {
      if (!kept) return await readAll(today);
      if (!loaded) {
        loaded = true;
        const saved = await loadSaved(db, stamp);
        if (saved && saved.day <= today) ({ byTrainee, day, horizon } = saved);
      }
      const notes = await readNotes(db);
      notesUpTo = notes.upTo;
      const everyone = notes.written === EVERYONE || notes.written.length > REBUILD_ABOVE;
      if (horizon === null || day === null || today > horizon || today < day || everyone) await readAll(today);
      else {
        if (day !== today) await turnDay(today);
        if (notes.written.length > 0) await readTrainees(today, notes.written as string[]);
      }
    } catch (error) {
      // Half-updated rows must not be shown or saved: the next look reads everything again.
      horizon = null;
      throw error;
    }
  }

  /** What the file lacks, taken for saving (and given back if the save fails). */
  function takeUnsaved(): RowsToSave | null {
    if (!kept || stamp === null || day === null || horizon === null) return null;
    const all = unsaved === 'all';
    const ids = unsaved === 'all' ? [...byTrainee.keys()] : [...unsaved];
    if (!all && ids.length === 0 && notesUpTo === 0) return null;
    const rows = new Map(ids.map((id) => [id, byTrainee.get(id) ?? []]));
    return { stamp, day, horizon, all, rows, upTo: notesUpTo };
  }

  async function saveNow(): Promise<void> {
    const save = takeUnsaved();
    if (!save) return;
    // No refresh runs during a save (they share the queue), so what is taken is given back whole.
    const taken = unsaved;
    unsaved = new Set();
    notesUpTo = 0;
    try {
      await saveRows(db, save);
    } catch {
      // Nothing is lost: the notes stay in the file, so the next session reads those trainees again,
      // and the next save carries what this one did.
      unsaved = taken;
      notesUpTo = save.upTo;
    }
  }

  return {
    /** Brings the rows up to date for `today` (yyyy-MM-dd); saving them follows, after the answer. */
    refresh(today: string): Promise<void> {
      const run = queue.then(() => refreshNow(today));
      queue = run
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(saveNow)
        .catch(() => undefined);
      return run;
    },
    /** Resolves once the last refresh's rows are saved (closing waits for it). */
    settled(): Promise<void> {
      return queue;
    },
    /** Every shown row by kind, each kind oldest due first (rows due the same day in no particular order). */
    byKind(): ReadonlyMap<string, KindRows> {
      const today = day ?? '';
      return (byKind ??= byKindOf(
        [...byTrainee.values()].flat().filter((item) => shown(item, today)),
        today,
      ));
    },
    forTrainee(traineeId: string): readonly TodayItem[] {
      const today = day ?? '';
      return (byTrainee.get(traineeId) ?? []).filter((item) => shown(item, today));
    },
  };
}
