import type { Transaction } from 'kysely';
import { shiftDate } from '../../../shared/dates';
import type { DB } from '../../store/schema';
import { seededRandom } from '../demo-kit';

/** Its own stream, so adding these rows leaves every other demo row exactly as it was. */
const EVALUATION_DEMO_SEED = 13_013;

/**
 * About two in three demo trainees agreed to record their characteristics for evaluation: roughly
 * half of those qualified in the UK (GP intakes are about half international graduates), a few in the
 * EEA; about one in five works less than full time. Some agreed to one characteristic and not another.
 */
export async function addEvaluationDemo(trx: Transaction<DB>, traineeIds: readonly string[], today: string) {
  const random = seededRandom(EVALUATION_DEMO_SEED);
  const at = new Date().toISOString();
  const rows: Array<DB['evaluation_characteristics']> = [];
  for (const traineeId of traineeIds) {
    if (!random.chance(0.65)) continue;
    const agreedOn = shiftDate(today, -random.int(30, 700));
    const add = (field: string, value: string) =>
      rows.push({ trainee_id: traineeId, field, value, agreed_on: agreedOn, updated_at: at });
    const roll = random.next();
    add('primaryQualification', roll < 0.48 ? 'uk_graduate' : roll < 0.58 ? 'eea_graduate' : 'international_graduate');
    if (random.chance(0.8))
      add(
        'entryRoute',
        random.pick([
          'standard_recruitment',
          'standard_recruitment',
          'standard_recruitment',
          'standard_recruitment',
          'return_to_training',
          'inter_deanery_transfer',
          'change_of_specialty',
        ]),
      );
    if (random.chance(0.9)) add('lessThanFullTime', random.chance(0.2) ? 'less_than_full_time' : 'full_time');
  }
  for (let i = 0; i < rows.length; i += 5000)
    await trx
      .insertInto('evaluation_characteristics')
      .values(rows.slice(i, i + 5000))
      .execute();
}
