import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/result';
import { ukToday } from '../../../shared/dates';
import type { DemoOutcome } from '../../../shared/demo/demo-contract';
import type { DB } from '../../store/schema';
import { fieldsToColumns } from '../trainees/trainee-rows';
import { addEverydayDemo } from '../everyday/everyday-demo';
import { addArcpDemo } from '../arcp/arcp-demo';
import { addExamDemo } from '../exams/exam-demo';
import { generateDemoTrainees } from './demo-trainees';
import { seededRandom } from './random';

export const DEMO_SIZES = { standard: 60, large: 10_000 } as const;
export const DEMO_SEED = 20_261_122;

export type DemoService = ReturnType<typeof createDemoService>;

/** Synthetic data so a newcomer sees a lived-in app; only ever written into an empty register. */
export function createDemoService(db: Kysely<DB>, now: () => Date) {
  return {
    async load(size: keyof typeof DEMO_SIZES): Promise<DemoOutcome> {
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
      const trainees = generateDemoTrainees(random, DEMO_SIZES[size], ukToday(now()));
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
        await addEverydayDemo(trx, random, traineeIds, ukToday(now()));
        await addArcpDemo(trx, random, traineeIds, ukToday(now()));
        await addExamDemo(trx, random, traineeIds, ukToday(now()));
      });
      return { trainees: trainees.length };
    },
  };
}
