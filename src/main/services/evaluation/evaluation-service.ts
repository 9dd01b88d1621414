import type { Kysely } from 'kysely';
import { ukToday } from '../../../shared/dates';
import {
  CHARACTERISTIC_FIELDS,
  CHARACTERISTICS,
  type CharacteristicField,
  type EvaluationRecord,
  type RecordCharacteristic,
} from '../../../shared/evaluation/evaluation-types';
import { AppError } from '../../../shared/result';
import type { Executor } from '../../store/open-store';
import type { DB } from '../../store/schema';
import { requireTrainee } from '../trainees/trainees-read';

export type EvaluationService = ReturnType<typeof createEvaluationService>;

async function recordOf(executor: Executor, traineeId: string): Promise<EvaluationRecord> {
  const rows = await executor
    .selectFrom('evaluation_characteristics')
    .selectAll()
    .where('trainee_id', '=', traineeId)
    .execute();
  const record: EvaluationRecord = { traineeId, characteristics: {} };
  for (const row of rows) {
    if (!(CHARACTERISTIC_FIELDS as readonly string[]).includes(row.field)) continue;
    const field = row.field as CharacteristicField;
    record.characteristics[field] = {
      field,
      value: row.value,
      valueLabel: CHARACTERISTICS[field].values.label(row.value),
      agreedOn: row.agreed_on,
      updatedAt: row.updated_at,
    };
  }
  return record;
}

/**
 * Characteristics for cohort evaluation. Writes go to their own table and deliberately not to the
 * change log: the timeline reads the log, and even "recorded" must not surface about the trainee.
 */
export function createEvaluationService(db: Kysely<DB>, now: () => Date) {
  return {
    async get(traineeId: string): Promise<EvaluationRecord> {
      await requireTrainee(db, traineeId);
      return recordOf(db, traineeId);
    },

    async record(input: RecordCharacteristic): Promise<EvaluationRecord> {
      if (input.agreedOn > ukToday(now()))
        throw new AppError('invalid_input', 'The date the trainee agreed cannot be in the future.', {
          agreedOn: 'The date the trainee agreed cannot be in the future',
        });
      return db.transaction().execute(async (trx) => {
        await requireTrainee(trx, input.traineeId);
        const at = now().toISOString();
        await trx
          .insertInto('evaluation_characteristics')
          .values({
            trainee_id: input.traineeId,
            field: input.field,
            value: input.value,
            agreed_on: input.agreedOn,
            updated_at: at,
          })
          .onConflict((oc) =>
            oc
              .columns(['trainee_id', 'field'])
              .doUpdateSet({ value: input.value, agreed_on: input.agreedOn, updated_at: at }),
          )
          .execute();
        return recordOf(trx, input.traineeId);
      });
    },

    /** Agreement withdrawn: the value is deleted, not kept hidden. */
    async withdraw(traineeId: string, field: CharacteristicField): Promise<EvaluationRecord> {
      return db.transaction().execute(async (trx) => {
        await requireTrainee(trx, traineeId);
        const deleted = await trx
          .deleteFrom('evaluation_characteristics')
          .where('trainee_id', '=', traineeId)
          .where('field', '=', field)
          .executeTakeFirst();
        if (Number(deleted.numDeletedRows) === 0)
          throw new AppError(
            'not_found',
            `Nothing to withdraw: no ${CHARACTERISTICS[field].label.toLowerCase()} is recorded for this trainee.`,
          );
        return recordOf(trx, traineeId);
      });
    },
  };
}
