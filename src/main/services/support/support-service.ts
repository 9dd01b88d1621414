import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/result';
import {
  DEFAULT_FOLLOW_UP_DAYS,
  isSupportOpen,
  supportStepProblem,
  type SupportCatalogueEntry,
  type SupportCatalogueEntryInput,
  type SupportCategory,
  type SupportItem,
  type SupportOfferInput,
  type SupportSource,
  type SupportStatus,
  type SupportStepInput,
} from '../../../shared/support/support-types';
import { isRealIsoDate } from '../../../shared/dates';
import { shiftDate } from '../../../shared/dates';
import { groupBy, inChunks } from '../../store/in-chunks';
import type { Executor } from '../../store/open-store';
import type { DB } from '../../store/schema';
import type { SupportItemsTable } from '../../store/schema-everyday';
import { recordChange } from '../change-log';
import { requireTrainee } from '../trainees/trainees-read';

function rowToItem(row: SupportItemsTable): SupportItem {
  return {
    id: row.id,
    traineeId: row.trainee_id,
    catalogueId: row.catalogue_id,
    label: row.label,
    source: row.source as SupportSource,
    sourceId: row.source_id,
    goalId: row.goal_id,
    status: row.status as SupportStatus,
    offeredOn: row.offered_on,
    acceptedOn: row.accepted_on,
    declinedOn: row.declined_on,
    attendedOn: row.attended_on,
    completedOn: row.completed_on,
    outcome: row.outcome,
    note: row.note,
    followUpOn: row.follow_up_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function followUpDays(db: Executor, catalogueId: string | null | undefined): Promise<number> {
  if (!catalogueId) return DEFAULT_FOLLOW_UP_DAYS;
  const row = await db
    .selectFrom('support_catalogue')
    .select('follow_up_days')
    .where('id', '=', catalogueId)
    .executeTakeFirst();
  return row?.follow_up_days ?? DEFAULT_FOLLOW_UP_DAYS;
}

export interface OfferSupportInput {
  traineeId: string;
  label: string;
  catalogueId?: string | null;
  /** yyyy-MM-dd */
  offeredOn: string;
  source: SupportSource;
  sourceId?: string | null;
  note?: string | null;
  goalId?: string | null;
}

/**
 * Records an offer of support. Other features (post-fail tiered support, readiness checks) call
 * this inside their own transaction; it follows up after the catalogue entry's number of days.
 */
export async function offerSupport(db: Executor, input: OfferSupportInput, now: Date): Promise<{ id: string }> {
  if (!isRealIsoDate(input.offeredOn))
    throw new AppError('invalid_input', 'The date offered is not a real date', {
      offeredOn: 'The date offered is not a real date (use dd/mm/yyyy)',
    });
  const label = input.label.trim();
  if (!label)
    throw new AppError('invalid_input', 'Choose a support offer or describe it', {
      label: 'Choose a support offer or describe it',
    });
  if (label.length > 200)
    throw new AppError('invalid_input', 'The support must be 200 characters or fewer', {
      label: 'The support must be 200 characters or fewer',
    });
  if (input.note && input.note.length > 5000)
    throw new AppError('invalid_input', 'The note must be 5000 characters or fewer', {
      note: 'The note must be 5000 characters or fewer',
    });
  await requireTrainee(db, input.traineeId);
  const id = randomUUID();
  const at = now.toISOString();
  const days = await followUpDays(db, input.catalogueId);
  await db
    .insertInto('support_items')
    .values({
      id,
      trainee_id: input.traineeId,
      catalogue_id: input.catalogueId ?? null,
      label,
      source: input.source,
      source_id: input.sourceId ?? null,
      goal_id: input.goalId ?? null,
      status: 'offered',
      offered_on: input.offeredOn,
      accepted_on: null,
      declined_on: null,
      attended_on: null,
      completed_on: null,
      outcome: null,
      note: input.note?.trim() || null,
      follow_up_on: shiftDate(input.offeredOn, days),
      created_at: at,
      updated_at: at,
      deleted_at: null,
    })
    .execute();
  await recordChange(
    db,
    {
      entity: 'support_item',
      entityId: id,
      action: 'offered',
      after: { traineeId: input.traineeId, label, offeredOn: input.offeredOn, source: input.source },
    },
    now,
  );
  return { id };
}

/** A trainee's support items, newest offer first. */
export async function listSupportItems(db: Executor, traineeId: string): Promise<SupportItem[]> {
  return (await listSupportItemsOf(db, [traineeId])).get(traineeId)!;
}

/** The support offered to each of many trainees, newest offer first, read once for them all. */
export async function listSupportItemsOf(
  db: Executor,
  traineeIds: readonly string[],
): Promise<Map<string, SupportItem[]>> {
  const rows = await inChunks(traineeIds, (slice) =>
    db
      .selectFrom('support_items')
      .selectAll()
      .where('trainee_id', 'in', slice)
      .where('deleted_at', 'is', null)
      .orderBy('offered_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
  );
  const byTrainee = groupBy(rows.map(rowToItem), (s) => s.traineeId);
  return new Map(traineeIds.map((id) => [id, byTrainee.get(id) ?? []]));
}

export async function findSupportItem(db: Executor, id: string): Promise<SupportItem> {
  const row = await db
    .selectFrom('support_items')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'That support item no longer exists.');
  return rowToItem(row);
}

const STEP_COLUMN: Record<
  Exclude<SupportStatus, 'offered'>,
  'accepted_on' | 'declined_on' | 'attended_on' | 'completed_on'
> = {
  accepted: 'accepted_on',
  declined: 'declined_on',
  attended: 'attended_on',
  completed: 'completed_on',
};

/**
 * Moves an item on one step (accepted, declined, attended, completed) with its date, checking the
 * allowed path and moving the follow-up date on. Takes the caller's executor, so other features
 * (a post-fail conversation) can record a step inside their own transaction.
 */
export async function stepSupportItem(db: Executor, input: SupportStepInput, now: Date): Promise<SupportItem> {
  const item = await findSupportItem(db, input.id);
  if (input.status === 'offered')
    throw new AppError('invalid_input', 'Choose what happened', { status: 'Choose what happened' });
  const problem = supportStepProblem(item, { status: input.status, on: input.on });
  if (problem)
    throw new AppError('invalid_input', problem, { [problem.startsWith('The date') ? 'on' : 'status']: problem });
  const stillOpen = isSupportOpen(input.status);
  const days = await followUpDays(db, item.catalogueId);
  await db
    .updateTable('support_items')
    .set({
      status: input.status,
      [STEP_COLUMN[input.status]]: input.on,
      outcome: input.outcome ?? item.outcome,
      follow_up_on: stillOpen ? shiftDate(input.on, days) : null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', item.id)
    .execute();
  await recordChange(
    db,
    {
      entity: 'support_item',
      entityId: item.id,
      action: input.status,
      before: { status: item.status },
      after: { status: input.status, on: input.on, outcome: input.outcome },
    },
    now,
  );
  return findSupportItem(db, item.id);
}

export type SupportService = ReturnType<typeof createSupportService>;

export function createSupportService(db: Kysely<DB>, now: () => Date) {
  return {
    list: (traineeId: string) => listSupportItems(db, traineeId),

    async offer(input: SupportOfferInput): Promise<SupportItem> {
      return db.transaction().execute(async (trx) => {
        let label = input.label ?? '';
        if (input.catalogueId) {
          const entry = await trx
            .selectFrom('support_catalogue')
            .select('label')
            .where('id', '=', input.catalogueId)
            .executeTakeFirst();
          if (!entry)
            throw new AppError('not_found', 'That support offer is no longer in the catalogue.', {
              catalogueId: 'Choose another support offer',
            });
          label ||= entry.label;
        }
        const { id } = await offerSupport(
          trx,
          {
            traineeId: input.traineeId,
            label,
            catalogueId: input.catalogueId ?? null,
            offeredOn: input.offeredOn,
            source: input.goalId ? 'plp' : 'manual',
            sourceId: input.goalId ?? null,
            goalId: input.goalId ?? null,
            note: input.note,
          },
          now(),
        );
        return findSupportItem(trx, id);
      });
    },

    /** Moves an item on one step, with its date; closing steps need an outcome. */
    step: (input: SupportStepInput): Promise<SupportItem> =>
      db.transaction().execute((trx) => stepSupportItem(trx, input, now())),

    async remove(id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await findSupportItem(trx, id);
        await trx.updateTable('support_items').set({ deleted_at: now().toISOString() }).where('id', '=', id).execute();
        await recordChange(trx, { entity: 'support_item', entityId: id, action: 'deleted' }, now());
      });
    },

    async restore(id: string): Promise<SupportItem> {
      await db.updateTable('support_items').set({ deleted_at: null }).where('id', '=', id).execute();
      return findSupportItem(db, id);
    },

    async catalogue(includeInactive: boolean): Promise<SupportCatalogueEntry[]> {
      let query = db.selectFrom('support_catalogue').selectAll().orderBy('sort_order').orderBy('label');
      if (!includeInactive) query = query.where('active', '=', 1);
      return (await query.execute()).map((r) => ({
        id: r.id,
        label: r.label,
        category: r.category as SupportCategory,
        followUpDays: r.follow_up_days,
        active: r.active === 1,
      }));
    },

    async saveCatalogueEntry(input: SupportCatalogueEntryInput): Promise<SupportCatalogueEntry> {
      const at = now().toISOString();
      return db.transaction().execute(async (trx) => {
        const clash = await trx
          .selectFrom('support_catalogue')
          .select('id')
          .where((eb) => eb.fn('lower', ['label']), '=', input.label.toLowerCase())
          .executeTakeFirst();
        if (clash && clash.id !== input.id)
          throw new AppError('conflict', 'There is already a support offer with that name', {
            label: 'There is already a support offer with that name',
          });
        let id = input.id ?? null;
        if (id) {
          const found = await trx
            .updateTable('support_catalogue')
            .set({
              label: input.label,
              category: input.category,
              follow_up_days: input.followUpDays,
              active: input.active ? 1 : 0,
              updated_at: at,
            })
            .where('id', '=', id)
            .executeTakeFirst();
          if (Number(found.numUpdatedRows) === 0)
            throw new AppError('not_found', 'That support offer is no longer in the catalogue.');
        } else {
          id = randomUUID();
          const last = await trx
            .selectFrom('support_catalogue')
            .select((eb) => eb.fn.max('sort_order').as('n'))
            .executeTakeFirst();
          await trx
            .insertInto('support_catalogue')
            .values({
              id,
              label: input.label,
              category: input.category,
              follow_up_days: input.followUpDays,
              active: input.active ? 1 : 0,
              sort_order: Number(last?.n ?? 0) + 1,
              updated_at: at,
            })
            .execute();
        }
        await recordChange(
          trx,
          { entity: 'support_catalogue', entityId: id, action: input.id ? 'updated' : 'created', after: input },
          now(),
        );
        const row = await trx
          .selectFrom('support_catalogue')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        return {
          id: row.id,
          label: row.label,
          category: row.category as SupportCategory,
          followUpDays: row.follow_up_days,
          active: row.active === 1,
        };
      });
    },
  };
}
