import { forgetTodayState } from '../../src/main/services/today/today-rows';
import type Database from 'better-sqlite3-multiple-ciphers';
import { shiftDate, ukToday } from '../../src/shared/dates';
import type { ArcpPanel, PanelReadiness } from '../../src/shared/arcp/arcp-schema';
import type { MonitorRow } from '../../src/shared/exams/exam-types';
import type { SearchResponse } from '../../src/shared/search/search-types';
import type { TodayView } from '../../src/shared/today/today-types';
import { windowEnd } from '../../src/shared/today/today-types';
import { READ_AHEAD_DAYS, STAGE_DAYS } from '../../src/main/services/today/today-cache';
import { examWarningsDue } from '../../src/main/services/exams/exam-today';
import { dispatch, type Handlers } from '../../src/main/handler-registry';
import { openTodayService, todayHandlers } from '../../src/main/services/today';
import { TRAINEE_ROW_COLUMNS } from '../../src/main/services/trainees/trainee-rows';
import { REGISTER_FLOOR_SERIES, defineCase, type AnyBenchCase } from '../types';
import { call, demoDatabase, formatBytes, readRegister, type DemoDatabase } from '../support';

/** The register sizes every main case runs at: a scheme or two, a deanery, a whole region. */
export const SCALE_SIZES = [1_000, 10_000, 50_000];

const SEARCHES = ['telephone consultations', 'okafor', 'AKT', 'visa renewal', 'mock'];

const count = (n: number) => n.toLocaleString('en-GB');
const serialised = (rows: unknown) => JSON.stringify(rows).length;

/** The columns the register's list sends, read raw: the list's own floor. */
function readListColumns(raw: Database.Database): number {
  return serialised(
    raw.prepare(`SELECT ${TRAINEE_ROW_COLUMNS.join(', ')} FROM trainees WHERE archived_at IS NULL`).all(),
  );
}

/** Every source row Today must look at (due in the window, uncapped), and the last 1:1 of each trainee. */
function readTodaySources(raw: Database.Database): number {
  const today = ukToday();
  const end = windowEnd(today);
  const name = `coalesce(nullif(t.preferred_name, ''), t.given_name) || ' ' || t.family_name AS trainee_name`;
  return (
    serialised(
      raw
        .prepare(
          `SELECT a.id, a.description, a.owner, a.due_on, a.meeting_id, a.trainee_id, m.held_on, ${name}
           FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id JOIN trainees t ON t.id = a.trainee_id
           WHERE a.done_on IS NULL AND a.due_on <= ? AND m.deleted_at IS NULL AND t.archived_at IS NULL`,
        )
        .all(end),
    ) +
    serialised(
      raw
        .prepare(
          `SELECT t.id, t.programme_start_date, t.created_at, ${name}, max(m.held_on) AS last_held
           FROM trainees t LEFT JOIN meetings m ON m.trainee_id = t.id AND m.deleted_at IS NULL
           WHERE t.archived_at IS NULL AND t.status IN ('in_programme', 'extension') GROUP BY t.id`,
        )
        .all(),
    ) +
    serialised(
      raw
        .prepare(
          `SELECT g.id, g.title, g.trainee_id, g.status, coalesce(g.next_review_on, g.target_on) AS due_on, ${name}
           FROM plp_goals g JOIN trainees t ON t.id = g.trainee_id
           WHERE g.deleted_at IS NULL AND g.status IN ('not_started', 'in_progress')
             AND coalesce(g.next_review_on, g.target_on) <= ? AND t.archived_at IS NULL`,
        )
        .all(end),
    ) +
    serialised(
      raw
        .prepare(
          `SELECT s.id, s.label, s.status, s.offered_on, s.follow_up_on, s.trainee_id, ${name}
           FROM support_items s JOIN trainees t ON t.id = s.trainee_id
           WHERE s.deleted_at IS NULL AND s.status IN ('offered', 'accepted') AND s.follow_up_on <= ?
             AND t.archived_at IS NULL`,
        )
        .all(end),
    ) +
    serialised(readArcpDeadlineSources(raw)) +
    serialised(readMonitorSources(raw))
  );
}

/** Open ARCP records (no outcome yet, or outcome 5) and each trainee's last panel with an outcome. */
function readArcpDeadlineSources(raw: Database.Database): unknown[] {
  return [
    ...raw
      .prepare(
        `SELECT r.id, r.trainee_id, r.panel_date, r.esr_full_date, r.outcome, r.evidence_due_date
         FROM arcp_records r WHERE r.outcome IS NULL OR r.outcome = '5'`,
      )
      .all(),
    ...raw
      .prepare(
        `SELECT t.id, t.given_name, t.family_name, t.preferred_name, t.status, t.programme_start_date,
                (SELECT max(panel_date) FROM arcp_records r WHERE r.trainee_id = t.id AND r.outcome IS NOT NULL) AS last
         FROM trainees t WHERE t.archived_at IS NULL`,
      )
      .all(),
  ];
}

/** Exam attempts that failed or await a result, with their trainee. */
function readMonitorSources(raw: Database.Database): unknown[] {
  return raw
    .prepare(
      `SELECT a.*, t.given_name, t.family_name, t.preferred_name, t.gmc_number, t.grade, t.programme
       FROM exam_attempts a JOIN trainees t ON t.id = a.trainee_id
       WHERE a.result IN ('fail', 'awaiting') AND t.archived_at IS NULL`,
    )
    .all();
}

interface TodayState extends DemoDatabase {
  actionId: string;
  done: boolean;
}

/**
 * The demo, with an open action to mark done and not done between looks at Today, and the next
 * days' rows read ahead, as the app has them a while after a look (so each look after a write
 * also re-reads that trainee for those days).
 */
async function todayState(trainees: number): Promise<TodayState> {
  const demo = await demoDatabase(trainees);
  await call(demo.backend, 'today:view', {});
  await demo.backend.today.stage(ukToday());
  const action = demo.raw.prepare(`SELECT id FROM meeting_actions WHERE done_on IS NULL LIMIT 1`).get() as {
    id: string;
  };
  return { ...demo, actionId: action.id, done: false };
}

interface UnlockState extends TodayState {
  /** The registry with a Today opened afresh on the same file, as an unlock opens it. */
  handlers: Handlers | null;
}

/**
 * Today as an unlock opens it: a new service over the same file, with one trainee written since
 * the last look (an action marked done or not done, then the app closed). On a `newDay`, the rows
 * were brought up to date yesterday, and the next days' rows `readAhead` then or not. Untimed;
 * the case times the first look.
 */
async function unlockedToday(state: UnlockState, newDay?: { readAhead: boolean }): Promise<void> {
  const db = state.backend.store.db;
  const readRows = state.backend.store.readRows;
  const open = (now: Date) => openTodayService(db, readRows, () => now, 'bench', { stageAfterMs: null });
  if (newDay) {
    // The last session was yesterday: its look brought the rows up to date for that day (reading
    // everything, as the clock went back), then read the next days ahead, or not.
    const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000);
    const before = await open(yesterday);
    await before.view();
    if (newDay.readAhead) await before.stage(ukToday(yesterday));
  } else await (await open(new Date())).stage(ukToday());
  // Then a write to one trainee, and the app closed before Today looked again.
  state.done = !state.done;
  await db
    .updateTable('meeting_actions')
    .set({ done_on: state.done ? ukToday() : null })
    .where('id', '=', state.actionId)
    .execute();
  state.handlers = { ...state.backend.handlers, ...todayHandlers(await open(new Date())) };
}

async function firstLook(state: UnlockState): Promise<string> {
  const result = await dispatch(state.handlers!, 'today:view', {});
  if (!result.ok) throw new Error(`today:view failed: ${result.error.message}`);
  JSON.stringify(result);
  return describeToday(result.data as TodayView);
}

/** A case timing the first look of a Today opened as an unlock opens it (unlockedToday). */
function unlockCase(
  trainees: number,
  c: { name: string; series: string; notes: string; newDay?: { readAhead: boolean }; runs?: number; warmup?: number },
): AnyBenchCase {
  return defineCase<UnlockState>({
    name: `today:view, ${c.name} (${count(trainees)})`,
    series: `today:view, ${c.series}`,
    trainees,
    notes: c.notes,
    runs: c.runs ?? 7,
    warmup: c.warmup ?? 2,
    floor: { name: 'every due source row, uncapped, raw', run: ({ raw }) => readTodaySources(raw) },
    setup: async () => ({ ...(await todayState(trainees)), handlers: null }),
    beforeEach: (state) => unlockedToday(state, c.newDay),
    run: firstLook,
  });
}

function describeToday(view: TodayView): string {
  const totals = view.groups.map((g) => `${g.urgency} ${count(g.total)}`).join(', ');
  return `${totals}; ${formatBytes(Buffer.byteLength(JSON.stringify(view)))} sent`;
}

interface PanelState extends DemoDatabase {
  panel: ArcpPanel;
}

function sized(trainees: number): AnyBenchCase[] {
  const n = count(trainees);
  const demo = () => demoDatabase(trainees);
  return [
    defineCase<DemoDatabase>({
      name: `floor: read the register (${n})`,
      series: REGISTER_FLOOR_SERIES,
      trainees,
      notes: 'every trainee row with one raw prepared statement, JSON.stringify: the yardstick for every screen',
      runs: 7,
      warmup: 2,
      setup: demo,
      run: ({ raw }) => formatBytes(readRegister(raw)),
    }),
    defineCase<DemoDatabase>({
      name: `trainees:list (${n})`,
      series: 'trainees:list',
      trainees,
      notes: 'includeArchived: false, through the handler registry, serialised as the browser host sends it',
      runs: 7,
      warmup: 2,
      floor: { name: 'the columns it sends, raw', run: ({ raw }) => readListColumns(raw) },
      setup: demo,
      run: async ({ backend }) => {
        const list = await call<unknown[]>(backend, 'trainees:list', { includeArchived: false });
        const bytes = Buffer.byteLength(JSON.stringify({ ok: true, data: list }));
        return `${count(list.length)} rows, ${formatBytes(bytes)} (${Math.round(bytes / list.length)} B/trainee)`;
      },
    }),
    defineCase<TodayState>({
      name: `today:view (${n})`,
      series: 'today:view',
      trainees,
      notes:
        'through the handler registry, capped at 200 rows per group, after a write to one trainee (an action marked done, then not done): that trainee re-read into today_rows, then SQL counts them and reads the rows shown',
      runs: 7,
      warmup: 2,
      floor: { name: 'every due source row, uncapped, raw', run: ({ raw }) => readTodaySources(raw) },
      setup: () => todayState(trainees),
      beforeEach: async (state) => {
        state.done = !state.done;
        await call(state.backend, 'meetings:setActionDone', { id: state.actionId, done: state.done });
      },
      run: async ({ backend }) => describeToday(await call<TodayView>(backend, 'today:view', {})),
    }),
    defineCase<TodayState>({
      name: `today:view, reading everything (${n})`,
      series: 'today:view, reading everything',
      trainees,
      notes: `after an upgrade, a week away (past the ${READ_AHEAD_DAYS}-day read-ahead) or a write to over 2,000 trainees: every provider read whole and today_rows rewritten`,
      runs: 5,
      warmup: 1,
      floor: { name: 'every due source row, uncapped, raw', run: ({ raw }) => readTodaySources(raw) },
      setup: () => todayState(trainees),
      beforeEach: ({ backend }) => forgetTodayState(backend.store.db),
      run: async ({ backend }) => describeToday(await call<TodayView>(backend, 'today:view', {})),
    }),
    unlockCase(trainees, {
      name: 'first look after unlocking',
      series: 'after unlocking',
      notes:
        'the first look of a session on the day the rows were last brought up to date, one trainee written since: a new Today over the same file re-reads that trainee, then SQL counts today_rows and reads the rows shown',
    }),
    unlockCase(trainees, {
      name: 'first look of a new day',
      series: 'new day',
      notes: `as above, the rows brought up to date yesterday and the next ${STAGE_DAYS} days' read ahead a while after (the usual morning): yesterday's rows of the day providers go, the others' urgency follows their date in SQL`,
      newDay: { readAhead: true },
    }),
    unlockCase(trainees, {
      name: 'first look of a new day, nothing read ahead',
      series: 'new day, nothing read ahead',
      notes: `as above, but more than ${STAGE_DAYS} days on, or after a write to the retention period or reference data: the day providers (ARCP, exams, retention) read whole and their rows replaced`,
      newDay: { readAhead: false },
      runs: 5,
      warmup: 1,
    }),
    defineCase<DemoDatabase>({
      name: `exams:monitor (${n})`,
      series: 'exams:monitor',
      trainees,
      notes: 're-sit monitor through the handler registry',
      runs: 5,
      warmup: 1,
      floor: { name: 'failed and awaited attempts with their trainee, raw', run: ({ raw }) => readMonitorSources(raw) },
      setup: demo,
      run: async ({ backend }) => {
        const rows = await call<MonitorRow[]>(backend, 'exams:monitor', {});
        return `${count(rows.length)} rows, ${formatBytes(Buffer.byteLength(JSON.stringify(rows)))}`;
      },
    }),
    defineCase<DemoDatabase>({
      name: `Today provider: exam warnings (${n})`,
      series: 'exam warnings provider',
      trainees,
      notes: 'examWarningsDue, one of the Today providers',
      runs: 5,
      warmup: 1,
      floor: { name: 'failed and awaited attempts with their trainee, raw', run: ({ raw }) => readMonitorSources(raw) },
      setup: demo,
      run: async ({ backend }) => `${(await examWarningsDue(backend.store.db, ukToday())).length} items`,
    }),
    defineCase<DemoDatabase>({
      name: `arcp:deadlines (${n})`,
      series: 'arcp:deadlines',
      trainees,
      notes: 'ESR, outcome 5 and 12-month deadlines, horizon 14 days, through the handler registry',
      runs: 5,
      warmup: 1,
      floor: {
        name: 'open ARCP records and each trainee’s last outcome, raw',
        run: ({ raw }) => serialised(readArcpDeadlineSources(raw)),
      },
      setup: demo,
      run: async ({ backend }) =>
        `${count((await call<unknown[]>(backend, 'arcp:deadlines', { horizonDays: 14 })).length)} deadlines`,
    }),
    defineCase<DemoDatabase>({
      name: `search:query ×5 (${n})`,
      series: 'search ×5',
      trainees,
      notes: `FTS5 with snippets, 30 results each: ${SEARCHES.map((s) => `“${s}”`).join(', ')}`,
      runs: 5,
      warmup: 1,
      setup: demo,
      run: async ({ backend }) => {
        let results = 0;
        for (const text of SEARCHES)
          results += (await call<SearchResponse>(backend, 'search:query', { text })).results.length;
        return `${results} results`;
      },
    }),
    // Last of its size: creating the panel writes planned ARCP records into the shared database.
    defineCase<PanelState>({
      name: `arcp:readiness, panel of 60 (${n})`,
      series: 'panel readiness (60)',
      trainees,
      notes: 'readiness table for a panel of 60 within the register, through the handler registry',
      runs: 5,
      warmup: 1,
      floor: {
        name: 'the 60 trainees and their ARCP records, raw',
        run: ({ raw, panel }) =>
          serialised(
            raw
              .prepare(
                `SELECT t.*, r.* FROM arcp_records r JOIN trainees t ON t.id = r.trainee_id WHERE r.panel_id = ?`,
              )
              .all(panel.id),
          ),
      },
      setup: async () => {
        const state = await demo();
        const ids = (
          state.raw.prepare('SELECT id FROM trainees WHERE archived_at IS NULL ORDER BY id LIMIT 60').all() as Array<{
            id: string;
          }>
        ).map((r) => r.id);
        const panel = await call<ArcpPanel>(state.backend, 'arcp:createPanel', {
          name: 'Bench panel',
          panelDate: shiftDate(ukToday(), 60),
          traineeIds: ids,
        });
        return { ...state, panel };
      },
      run: async ({ backend, panel }) =>
        `${(await call<PanelReadiness>(backend, 'arcp:readiness', { panelId: panel.id })).rows.length} rows`,
    }),
  ];
}

export const scaleCases: AnyBenchCase[] = SCALE_SIZES.flatMap(sized);
