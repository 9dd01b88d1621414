import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/result';
import {
  compareRegisterNameKeys,
  displayName,
  registerNameKey,
  type Trainee,
  type TraineeFields,
  type TraineeRow,
} from '../../../shared/trainees/trainee-schema';
import type { DB } from '../../store/schema';
import type { Executor, ReadRows } from '../../store/open-store';
import { recordChange } from '../change-log';
import {
  fieldsToColumns,
  TRAINEE_NAMES_SQL,
  TRAINEE_ROWS_BY_ID_SQL,
  TRAINEE_ROWS_PAGE_SQL,
  TRAINEE_ROWS_SQL,
  type TraineeNameValues,
  traineeFields,
  traineeRowFromValues,
  type TraineeRowValues,
} from './trainee-rows';
import { findTrainee } from './trainees-read';

export type TraineeService = ReturnType<typeof createTraineeService>;

export function createTraineeService(db: Kysely<DB>, readRows: ReadRows, now: () => Date) {
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
      if (before.unreadable) {
        // The database refuses to keep the row as it is, so any change must put it right first.
        const message = `${displayName(before)}’s record holds what the app cannot keep (${before.unreadable.join('; ')}). Edit the trainee and save to put it right first.`;
        throw new AppError('invalid_input', message, { id: message });
      }
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

    /**
     * The register's rows: only the columns its table can show. Read as arrays (no keyed object
     * per row in the driver) and mapped here: at 10,000 trainees that halves the read.
     */
    async list(options: { includeArchived: boolean; offset?: number; limit?: number }): Promise<TraineeRow[]> {
      const rows =
        options.limit === undefined
          ? await readRows<TraineeRowValues>(TRAINEE_ROWS_SQL(options.includeArchived))
          : await readRows<TraineeRowValues>(TRAINEE_ROWS_PAGE_SQL(options.includeArchived), [
              options.limit,
              options.offset ?? 0,
            ]);
      return rows.map(traineeRowFromValues);
    },

    /**
     * The first rows of `list` as the table sorts it by default. The sort is stable over the list's
     * own SQL order, as the table's is over the rows it is given, so ties fall the same way.
     */
    async listFirst(options: { includeArchived: boolean; count: number }): Promise<TraineeRow[]> {
      const names = await readRows<TraineeNameValues>(TRAINEE_NAMES_SQL(options.includeArchived));
      const ids = names
        .map(([id, familyName, givenName, preferredName]) => ({
          id,
          key: registerNameKey({ familyName, givenName, preferredName }),
        }))
        .sort((a, b) => compareRegisterNameKeys(a.key, b.key))
        .slice(0, options.count)
        .map((n) => n.id);
      const rows = await readRows<TraineeRowValues>(TRAINEE_ROWS_BY_ID_SQL, [JSON.stringify(ids)]);
      const byId = new Map(rows.map((values) => [values[0], traineeRowFromValues(values)]));
      return ids.map((id) => byId.get(id)!);
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
