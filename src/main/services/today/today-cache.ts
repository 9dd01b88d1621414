import { sql, type Kysely } from 'kysely';
import { shiftDate } from '../../../shared/dates';
import type { Settings } from '../../../shared/settings/settings-schema';
import type { TodayItem } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { readSchemaTables } from '../../store/schema-tables';
import { EVERYDAY_SQL_SOURCES, sourceProvider } from './everyday-providers';
import { TODAY_DAY_PROVIDERS } from './today-providers';
import { EVERYONE, readNotes, readState, rulesStamp, updateRows, type RowsForDay } from './today-rows';

/**
 * Tables no Today provider reads, so a write to them leaves Today as it was. Every other table is
 * watched: a write to a table with a trainee_id notes that trainee (their rows are read again), a
 * write to any other table (exam and ARCP reference data, the settings in SETTINGS_TODAY_READS)
 * notes everyone (the day providers are read again). A new table is therefore watched until it
 * is listed here, which is slower but never stale.
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
  today_counts: "Today's own counts of its rows",
  today_dirty: "Today's own notes of written trainees",
  today_state: "Today's own bookkeeping",
};

/**
 * The settings Today reads (retention, for archived trainees past their period). A write to any
 * other setting (the register's columns, the user's name) leaves Today as it was; a provider that
 * comes to read another setting lists it here.
 */
export const SETTINGS_TODAY_READS: ReadonlyArray<keyof Settings> = ['retentionPeriod'];

/** Only writes to those settings are noted. */
function settingsTodayReads(row: 'NEW' | 'OLD'): string {
  return `${row}.key IN (${SETTINGS_TODAY_READS.map((key) => `'${key}'`).join(', ')})`;
}

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
    const settings = table.name === 'settings';
    const when = {
      INSERT: settings ? `WHEN ${settingsTodayReads('NEW')}` : '',
      UPDATE: settings ? `WHEN ${settingsTodayReads('NEW')} OR ${settingsTodayReads('OLD')}` : '',
      DELETE: settings ? `WHEN ${settingsTodayReads('OLD')}` : '',
    };
    for (const [event, body] of Object.entries(bodies))
      await sql
        .raw(
          `CREATE TEMP TRIGGER IF NOT EXISTS "today_${table.name}_${event.toLowerCase()}" AFTER ${event} ON main."${table.name}" ${when[event as keyof typeof when]} BEGIN ${body} END`,
        )
        .execute(db);
  }
  return true;
}

/** The days after today whose rows not dated are read ahead while the app is idle (a weekend's worth). */
export const STAGE_DAYS = 3;
/** How long after a look the reading ahead waits, so it never holds up what the user does next. */
const STAGE_AFTER_MS = 20_000;

/**
 * Keeps today_rows up to date (today-rows.ts). Before each look it re-reads only the trainees
 * written since the last one. The day providers' rows for the next few days are read ahead a
 * while after a look, so a new day usually finds them there; otherwise (or after a write to the
 * retention period or reference data) it reads them for the day. The other rows' urgency follows
 * their date in SQL. Everything is read only past the read-ahead, after writes to thousands of
 * trainees, or under new rules. So a look costs what it shows and what changed, not the size of
 * the register. Opened with the store, before any write, so that its triggers see every write.
 */
export async function openTodayCache(
  db: Kysely<DB>,
  version: string,
  // null: never on its own (tests, which read ahead when they choose).
  options: { stageAfterMs?: number | null } = {},
) {
  // Without its tables (an older schema) Today is read whole at every look.
  const kept = await watchWrites(db);
  const sqlProviders = EVERYDAY_SQL_SOURCES.map(sourceProvider);
  const code = [...EVERYDAY_SQL_SOURCES.flatMap((source) => [source.query, source.toItem]), ...TODAY_DAY_PROVIDERS];
  const dated: ReadonlySet<string> = new Set(EVERYDAY_SQL_SOURCES.map((source) => source.kind));
  let stamp: string | null = null;
  // One refresh or reading ahead at a time: interleaved, an older read could land over a newer one.
  let queue: Promise<void> = Promise.resolve();
  let stageTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  /** Every provider's rows (the SQL sources' up to `horizon`), or the listed trainees' only. */
  async function read(today: string, horizon: string, traineeIds?: readonly string[]): Promise<TodayItem[]> {
    const lists = await Promise.all([
      ...sqlProviders.map((provider) => provider(db, today, traineeIds, horizon)),
      ...TODAY_DAY_PROVIDERS.map((provider) => provider(db, today, traineeIds)),
    ]);
    return onlyOf(lists.flat(), traineeIds);
  }

  /** The day providers' rows for `day`, or the listed trainees' only. */
  async function readDay(day: string, traineeIds?: readonly string[]): Promise<TodayItem[]> {
    const lists = await Promise.all(TODAY_DAY_PROVIDERS.map((provider) => provider(db, day, traineeIds)));
    return onlyOf(lists.flat(), traineeIds);
  }

  async function refreshNow(today: string): Promise<void> {
    stamp ??= await rulesStamp(db, version, code);
    const state = await readState(db, stamp);
    const notes = await readNotes(db);
    const update = { stamp, dated, upTo: notes.upTo } as const;
    if (!state || today > state.horizon || today < state.day || notes.written.length > REBUILD_ABOVE) {
      const horizon = shiftDate(today, READ_AHEAD_DAYS);
      return updateRows(db, {
        ...update,
        state: { day: today, horizon, stagedUntil: today },
        remove: { all: true },
        add: [{ day: today, items: await read(today, horizon) }],
      });
    }
    const { written, everyone } = notes;
    // The days whose rows not dated are there: today's, if read ahead, and those after it.
    const stagedUntil = everyone || state.stagedUntil < today ? null : state.stagedUntil;
    if (state.day === today && stagedUntil !== null && written.length === 0) return;
    const add: RowsForDay[] = [];
    if (stagedUntil === null) {
      // Today's afresh for everyone (the written trainees' come whole below).
      const writtenIds = new Set(written);
      add.push({ day: today, items: (await readDay(today)).filter((item) => !writtenIds.has(item.traineeId)) });
    }
    if (written.length > 0) {
      add.push({ day: today, items: await read(today, state.horizon, written) });
      // And theirs for the days read ahead.
      for (let day = shiftDate(today, 1); stagedUntil !== null && day <= stagedUntil; day = shiftDate(day, 1))
        add.push({ day, items: await readDay(day, written) });
    }
    return updateRows(db, {
      ...update,
      state: { day: today, horizon: state.horizon, stagedUntil: stagedUntil ?? today },
      remove: { undated: stagedUntil === null ? 'every' : 'past', traineeIds: written },
      add,
    });
  }

  /** Reads the day providers for the days after `today` not yet read ahead, one update each. */
  async function stageNow(today: string): Promise<void> {
    stamp ??= await rulesStamp(db, version, code);
    for (;;) {
      const state = await readState(db, stamp);
      // Only on top of rows brought up to date today, with no write to everyone waiting.
      if (!state || state.day !== today || (await readNotes(db)).everyone) return;
      const day = shiftDate(state.stagedUntil, 1);
      if (day > shiftDate(today, STAGE_DAYS)) return;
      await updateRows(db, {
        stamp,
        dated,
        upTo: 0,
        state: { ...state, stagedUntil: day },
        remove: {},
        add: [{ day, items: await readDay(day) }],
      });
    }
  }

  function enqueue(work: () => Promise<void>): Promise<void> {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  }

  function stageLater(today: string): void {
    const after = options.stageAfterMs === undefined ? STAGE_AFTER_MS : options.stageAfterMs;
    if (stopped || stageTimer !== null || after === null) return;
    stageTimer = setTimeout(() => {
      stageTimer = null;
      // Reading ahead is only a head start: if it fails, the new day reads for itself.
      if (!stopped) void enqueue(() => stageNow(today)).catch(() => undefined);
    }, after);
    stageTimer.unref?.();
  }

  return {
    /** Brings the rows up to date for `today` (yyyy-MM-dd), and reads ahead a while later. */
    async refresh(today: string): Promise<void> {
      if (!kept) return;
      await enqueue(() => refreshNow(today));
      stageLater(today);
    },
    /** Reads ahead now (tests and benchmarks; the app waits for an idle moment). */
    stage: (today: string): Promise<void> => (kept ? enqueue(() => stageNow(today)) : Promise.resolve()),
    /** Whether the rows are kept in the file (not in a store left at an older schema). */
    kept,
    /** Stops reading ahead and resolves once the work under way is done (closing waits for it). */
    stop(): Promise<void> {
      stopped = true;
      if (stageTimer !== null) clearTimeout(stageTimer);
      stageTimer = null;
      return queue;
    },
  };
}

/** A provider that ignored the list would hand back other trainees' rows: they are not news. */
function onlyOf(items: TodayItem[], traineeIds: readonly string[] | undefined): TodayItem[] {
  if (!traineeIds) return items;
  const mine = new Set(traineeIds);
  return items.filter((item) => mine.has(item.traineeId));
}
