import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/result';
import {
  displayName,
  type Trainee,
  type TraineeFields,
  type TraineeRow,
} from '../../../shared/trainees/trainee-schema';
import type { DB } from '../../store/schema';
import type { Executor } from '../../store/open-store';
import { recordChange } from '../change-log';
import { fieldsToColumns, rowToTraineeRow, TRAINEE_ROW_COLUMNS, traineeFields } from './trainee-rows';
import { findTrainee } from './trainees-read';

export type TraineeService = ReturnType<typeof createTraineeService>;

export function createTraineeService(db: Kysely<DB>, now: () => Date) {
  const find = findTrainee;

  async function assertGmcFree(executor: Executor, gmcNumber: string, exceptId?: string): Promise<void> {
    let query = executor
      .selectFrom('trainees')
      .select(['id', 'given_name', 'family_name', 'preferred_name', 'archived_at'])
      .where('gmc_number', '=', gmcNumber);
    if (exceptId) query = query.where('id', '!=', exceptId);
    const clash = await query.executeTakeFirst();
    if (clash) {
      const who = displayName({
        givenName: clash.given_name,
        familyName: clash.family_name,
        preferredName: clash.preferred_name,
      });
      const message = `GMC number ${gmcNumber} already belongs to ${who}${clash.archived_at ? ' (archived)' : ''}`;
      throw new AppError('conflict', message, { gmcNumber: message });
    }
  }

  async function setArchived(id: string, archived: boolean): Promise<Trainee> {
    return db.transaction().execute(async (trx) => {
      const before = await find(trx, id);
      const at = now().toISOString();
      await trx
        .updateTable('trainees')
        .set({ archived_at: archived ? at : null, updated_at: at })
        .where('id', '=', id)
        .execute();
      await recordChange(trx, { entity: 'trainee', entityId: id, action: archived ? 'archived' : 'restored' }, now());
      return { ...before, archivedAt: archived ? at : null, updatedAt: at };
    });
  }

  return {
    find,

    /** The register's rows: only the columns its table can show. */
    async list(options: { includeArchived: boolean }): Promise<TraineeRow[]> {
      let query = db.selectFrom('trainees').select(TRAINEE_ROW_COLUMNS).orderBy('family_name').orderBy('given_name');
      if (!options.includeArchived) query = query.where('archived_at', 'is', null);
      return (await query.execute()).map(rowToTraineeRow);
    },

    get: (id: string) => find(db, id),

    async create(fields: TraineeFields): Promise<Trainee> {
      return db.transaction().execute(async (trx) => {
        await assertGmcFree(trx, fields.gmcNumber);
        const at = now().toISOString();
        const id = randomUUID();
        await trx
          .insertInto('trainees')
          .values({ id, ...fieldsToColumns(fields), created_at: at, updated_at: at, archived_at: null })
          .execute();
        await recordChange(trx, { entity: 'trainee', entityId: id, action: 'created' }, now());
        return find(trx, id);
      });
    },

    async update(id: string, fields: TraineeFields): Promise<Trainee> {
      return db.transaction().execute(async (trx) => {
        const before = await find(trx, id);
        await assertGmcFree(trx, fields.gmcNumber, id);
        await trx
          .updateTable('trainees')
          .set({ ...fieldsToColumns(fields), updated_at: now().toISOString() })
          .where('id', '=', id)
          .execute();
        const action = before.status !== fields.status ? 'status_changed' : 'updated';
        await recordChange(
          trx,
          { entity: 'trainee', entityId: id, action, before: traineeFields(before), after: fields },
          now(),
        );
        return find(trx, id);
      });
    },

    archive: (id: string) => setArchived(id, true),
    restore: (id: string) => setArchived(id, false),
  };
}
