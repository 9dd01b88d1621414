import { randomUUID } from 'node:crypto';
import { addDays, addMonths, format, parseISO } from 'date-fns';
import type { Insertable } from 'kysely';
import type { Executor } from '../../store/open-store';
import type { ExamExtensionsTable } from '../../store/schema-exams';
import { seededRandom } from '../demo-kit';

/** Its own stream, so the exam histories drawn before it stay the same. */
export const EXTENSION_DEMO_SEED = 11_062_026;

const iso = (d: Date) => format(d, 'yyyy-MM-dd');
const plusDays = (date: string, days: number) => iso(addDays(parseISO(date), days));
const plusMonths = (date: string, months: number) => iso(addMonths(parseISO(date), months));

export interface DemoLeaver {
  id: string;
  leftOn: string;
  /** Months of standard extension that ended on the day they left. */
  extensionMonths: number;
}

/**
 * Extensions and leavers that obey the rules (demo data only): every trainee whose status is
 * Extension has a standard extension running now, and each leaver left without a CCT at the end
 * of their extension (the exam demo gives them the attempts that go with it).
 */
export async function addExtensionDemo(
  trx: Executor,
  trainees: ReadonlyArray<{ id: string; status: string }>,
  leavers: readonly DemoLeaver[],
  today: string,
  at: string,
): Promise<void> {
  const random = seededRandom(EXTENSION_DEMO_SEED);
  const periods: Array<Insertable<ExamExtensionsTable>> = [];
  const period = (traineeId: string, startsOn: string, months: number, reason: string) =>
    periods.push({
      id: randomUUID(),
      trainee_id: traineeId,
      kind: 'standard',
      starts_on: startsOn,
      // The day before the same date `months` later: exactly that many calendar months.
      ends_on: plusDays(plusMonths(startsOn, months), -1),
      reason,
      created_at: at,
      updated_at: at,
    });
  for (const t of trainees)
    if (t.status === 'extension')
      period(t.id, plusDays(today, -random.int(30, 150)), random.int(4, 9), 'Time to prepare a re-sit');
  for (const leaver of leavers) {
    await trx
      .updateTable('trainees')
      .set({ status: 'left', left_training_on: leaver.leftOn, updated_at: at })
      .where('id', '=', leaver.id)
      .execute();
    const startsOn = plusMonths(plusDays(leaver.leftOn, 1), -leaver.extensionMonths);
    period(leaver.id, startsOn, leaver.extensionMonths, 'Two AKT fails; time to re-sit with support');
  }
  for (let i = 0; i < periods.length; i += 400)
    await trx
      .insertInto('exam_extensions')
      .values(periods.slice(i, i + 400))
      .execute();
}
