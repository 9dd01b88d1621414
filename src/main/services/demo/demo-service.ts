import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../../shared/result';
import { ukToday } from '../../../shared/dates';
import type { DemoOutcome } from '../../../shared/demo';
import type { DB } from '../../store/schema';
import { problemsInStore, summariseProblems } from '../record-rules';
import { seededRandom, type DemoContext, type DemoRow } from '../demo-kit';
import { addArcpDemo } from '../arcp';
import { addEvaluationDemo } from '../evaluation';
import { addExamDemo } from '../exams';
import { addCadenceDemo, addMeetingsDemo } from '../meetings';
import { addNeedsDemo } from '../needs';
import { addPlpDemo } from '../plp';
import { addSupportDemo } from '../support';
import { fieldsToColumns, generateDemoTrainees } from '../trainees';

/** Named sizes: a scheme, a deanery's large register, a whole region (benchmarks and scale checks). */
export const DEMO_SIZES = { standard: 60, large: 10_000, region: 50_000 } as const;
export const DEMO_SEED = 20_261_122;
/** How many rows of each table the demo's gate checks (all of them at a scheme's size). */
export const DEMO_ROWS_CHECKED_PER_TABLE = 2_000;

export type DemoService = ReturnType<typeof createDemoService>;

async function insertInBatches<T extends keyof DB>(trx: Transaction<DB>, table: T, rows: DemoRow[]): Promise<void> {
  if (rows.length === 0) return;
  const size = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += size) {
    await trx
      .insertInto(table)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one helper for every demo table
      .values(rows.slice(i, i + size) as any)
      .execute();
  }
}

/**
 * 1:1s, plans, early needs and support for the demo trainees, dated around `today` so the
 * Today view has some of everything: overdue, due soon and coming up. Each feature builds its
 * own rows; they are drawn trainee by trainee from one random stream, so the set is the same
 * on every machine and run.
 */
async function addEverydayDemo(trx: Transaction<DB>, context: Omit<DemoContext, 'full' | 'at'>, traineeIds: string[]) {
  const demo: DemoContext = { ...context, at: new Date().toISOString(), full: traineeIds.length <= 1000 };
  const rows = {
    meetings: [] as DemoRow[],
    meeting_actions: [] as DemoRow[],
    plp_goals: [] as DemoRow[],
    plp_reviews: [] as DemoRow[],
    meeting_goals: [] as DemoRow[],
    support_items: [] as DemoRow[],
    early_needs: [] as DemoRow[],
    identified_needs: [] as DemoRow[],
    meeting_cadence: [] as DemoRow[],
  };
  const trainees = await trx
    .selectFrom('trainees')
    .select(['id', 'grade', 'expected_cct_date', 'programme_start_date'])
    .execute();
  const byId = new Map(trainees.map((t) => [t.id, t]));
  for (const traineeId of traineeIds) {
    const trainee = byId.get(traineeId)!;
    const goalIds = addPlpDemo(demo, traineeId, rows);
    addMeetingsDemo(demo, trainee, goalIds, rows);
    addSupportDemo(demo, traineeId, goalIds, rows);
    addNeedsDemo(demo, trainee, rows);
    addCadenceDemo(demo, traineeId, rows);
  }
  // In this order for the foreign keys; the search index follows these inserts through its triggers.
  for (const table of Object.keys(rows) as Array<keyof typeof rows>) await insertInBatches(trx, table, rows[table]);
}

/** Synthetic data so a newcomer sees a lived-in app; only ever written into an empty register. */
export function createDemoService(db: Kysely<DB>, now: () => Date) {
  /** Any number of synthetic trainees; the benchmarks use it for sizes the app does not offer. */
  async function loadTrainees(count: number): Promise<DemoOutcome> {
    const existing = await db
      .selectFrom('trainees')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) {
      throw new AppError(
        'conflict',
        'Demo data can only be loaded into an empty register, so that it never mixes with real trainees.',
      );
    }
    const random = seededRandom(DEMO_SEED);
    const trainees = generateDemoTrainees(random, count, ukToday(now()));
    const at = now().toISOString();
    await db.transaction().execute(async (trx) => {
      // Batches keep each INSERT under SQLite's bound-parameter limit.
      const traineeIds: string[] = [];
      for (let i = 0; i < trainees.length; i += 500) {
        const batch = trainees.slice(i, i + 500).map((t) => ({
          id: randomUUID(),
          ...fieldsToColumns(t),
          created_at: at,
          updated_at: at,
          archived_at: null,
        }));
        await trx.insertInto('trainees').values(batch).execute();
        traineeIds.push(...batch.map((row) => row.id));
      }
      await addEverydayDemo(trx, { random, today: ukToday(now()) }, traineeIds);
      await addArcpDemo(trx, random, traineeIds, ukToday(now()));
      await addExamDemo(trx, random, traineeIds, ukToday(now()));
      await addEvaluationDemo(trx, traineeIds, ukToday(now()));
      // The demo builders write rows directly, so their rows pass the same gate as a handover's before they
      // count: every row at a scheme's size; for the stress sets, 2,000 of each table (ids are random, so
      // spread over the register; the same code made the rest), which keeps the check to about a second.
      const { problems, count } = await problemsInStore(
        trx,
        { today: ukToday(now()) },
        { rowsPerTable: DEMO_ROWS_CHECKED_PER_TABLE },
      );
      if (count > 0)
        throw new Error(`The demo builders wrote ${count} rows that break the rules: ${summariseProblems(problems)}`);
    });
    return { trainees: trainees.length };
  }
  return { load: (size: keyof typeof DEMO_SIZES) => loadTrainees(DEMO_SIZES[size]), loadTrainees };
}
