import { randomUUID } from 'node:crypto';
import { addYears, format, parseISO } from 'date-fns';
import type { Kysely } from 'kysely';
import { ukToday } from '../../../shared/dates';
import { goalAreaLabel, type PlpGoal } from '../../../shared/plp/plp-types';
import { AppError } from '../../../shared/result';
import {
  type EarlyNeeds,
  type EarlyNeedsFields,
  type EarlyNeedsView,
  type IdentifiedNeed,
  type IdentifiedNeedInput,
  type PracticalNeed,
  type ScreeningStatus,
} from '../../../shared/needs/needs-types';
import { shiftDate } from '../../../shared/dates';
import type { Executor } from '../../store/open-store';
import type { DB } from '../../store/schema';
import type { EarlyNeedsTable, IdentifiedNeedsTable } from '../../store/schema-everyday';
import { recordChange } from '../change-log';
import { requireTrainee } from '../trainees/trainees-read';
import { findPlpGoal } from '../plp/plp-read';
import type { PlpService } from '../plp';

/**
 * The intake is kept only until training ends (UK GDPR data minimisation): the expected CCT
 * date, or the start date plus three years scaled by whole-time equivalent when no CCT date is set.
 */
export function retentionDate(t: {
  expected_cct_date: string | null;
  programme_start_date: string;
  wte: number;
}): string {
  if (t.expected_cct_date) return t.expected_cct_date;
  return format(addYears(parseISO(t.programme_start_date), Math.ceil(3 / Math.max(t.wte, 0.2))), 'yyyy-MM-dd');
}

function rowToNeeds(r: EarlyNeedsTable): EarlyNeeds {
  return {
    traineeId: r.trainee_id,
    completedOn: r.completed_on,
    previousExperience: r.previous_experience,
    nhsFamiliarity: r.nhs_familiarity,
    learningPreferences: r.learning_preferences,
    communicationLanguage: r.communication_language,
    practicalNeeds: JSON.parse(r.practical_needs) as PracticalNeed[],
    practicalNotes: r.practical_notes,
    wellbeing: r.wellbeing,
    reasonableAdjustments: r.reasonable_adjustments,
    neurodiversityScreening: r.neurodiversity_screening as ScreeningStatus,
    neurodiversityScreeningOn: r.neurodiversity_screening_on,
    consentShareWith: r.consent_share_with,
    consentScope: r.consent_scope,
    consentGivenOn: r.consent_given_on,
    referrals: r.referrals,
    retainUntil: r.retain_until,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function rowToNeed(r: IdentifiedNeedsTable): IdentifiedNeed {
  return {
    id: r.id,
    traineeId: r.trainee_id,
    area: r.area,
    areaLabel: goalAreaLabel(r.area),
    description: r.description,
    goalId: r.goal_id,
    createdAt: r.created_at,
  };
}

export type NeedsService = ReturnType<typeof createNeedsService>;

export function createNeedsService(db: Kysely<DB>, now: () => Date, plp: PlpService) {
  const trainee = requireTrainee;

  async function view(executor: Executor, traineeId: string): Promise<EarlyNeedsView> {
    const t = await trainee(executor, traineeId);
    const row = await executor
      .selectFrom('early_needs')
      .selectAll()
      .where('trainee_id', '=', traineeId)
      .executeTakeFirst();
    const needs = await executor
      .selectFrom('identified_needs')
      .selectAll()
      .where('trainee_id', '=', traineeId)
      .orderBy('created_at')
      .execute();
    return {
      intake: row ? rowToNeeds(row) : null,
      needs: needs.map(rowToNeed),
      retainUntil: row?.retain_until ?? retentionDate(t),
    };
  }

  return {
    get: (traineeId: string) => view(db, traineeId),

    async save(fields: EarlyNeedsFields): Promise<EarlyNeedsView> {
      return db.transaction().execute(async (trx) => {
        const t = await trainee(trx, fields.traineeId);
        const at = now().toISOString();
        const columns = {
          completed_on: fields.completedOn,
          previous_experience: fields.previousExperience,
          nhs_familiarity: fields.nhsFamiliarity,
          learning_preferences: fields.learningPreferences,
          communication_language: fields.communicationLanguage,
          practical_needs: JSON.stringify(fields.practicalNeeds),
          practical_notes: fields.practicalNotes,
          wellbeing: fields.wellbeing,
          reasonable_adjustments: fields.reasonableAdjustments,
          neurodiversity_screening: fields.neurodiversityScreening,
          neurodiversity_screening_on: fields.neurodiversityScreeningOn,
          consent_share_with: fields.consentShareWith,
          consent_scope: fields.consentScope,
          consent_given_on: fields.consentGivenOn,
          referrals: fields.referrals,
          retain_until: retentionDate(t),
          updated_at: at,
        };
        const existed = await trx
          .selectFrom('early_needs')
          .select('trainee_id')
          .where('trainee_id', '=', fields.traineeId)
          .executeTakeFirst();
        if (existed)
          await trx.updateTable('early_needs').set(columns).where('trainee_id', '=', fields.traineeId).execute();
        else
          await trx
            .insertInto('early_needs')
            .values({ trainee_id: fields.traineeId, ...columns, created_at: at })
            .execute();
        // Special category data: the log records that the intake changed, not what it says.
        await recordChange(
          trx,
          { entity: 'early_needs', entityId: fields.traineeId, action: existed ? 'updated' : 'created' },
          now(),
        );
        return view(trx, fields.traineeId);
      });
    },

    /** Destroys the intake and the needs listed on it; goals already in the PLP stay there. */
    async destroy(traineeId: string): Promise<EarlyNeedsView> {
      return db.transaction().execute(async (trx) => {
        await trainee(trx, traineeId);
        const found = await trx.deleteFrom('early_needs').where('trainee_id', '=', traineeId).executeTakeFirst();
        if (Number(found.numDeletedRows) === 0)
          throw new AppError('not_found', 'There is no early-needs form to destroy.');
        await trx.deleteFrom('identified_needs').where('trainee_id', '=', traineeId).execute();
        await recordChange(trx, { entity: 'early_needs', entityId: traineeId, action: 'destroyed' }, now());
        return view(trx, traineeId);
      });
    },

    async addNeed(input: IdentifiedNeedInput): Promise<IdentifiedNeed> {
      await trainee(db, input.traineeId);
      const row = {
        id: randomUUID(),
        trainee_id: input.traineeId,
        area: input.area,
        description: input.description,
        goal_id: null,
        created_at: now().toISOString(),
      };
      await db.insertInto('identified_needs').values(row).execute();
      return rowToNeed(row);
    },

    async removeNeed(id: string): Promise<void> {
      const result = await db.deleteFrom('identified_needs').where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new AppError('not_found', 'That need has already been removed.');
    },

    /** One action: the need becomes a goal in the plan, reviewed in four weeks, and remembers it. */
    async makeGoal(needId: string): Promise<PlpGoal> {
      return db.transaction().execute(async (trx) => {
        const need = await trx.selectFrom('identified_needs').selectAll().where('id', '=', needId).executeTakeFirst();
        if (!need) throw new AppError('not_found', 'That need no longer exists.');
        if (need.goal_id) {
          const existing = await findPlpGoal(trx, need.goal_id);
          if (existing) throw new AppError('conflict', 'This need is already a goal in the plan.');
        }
        const today = ukToday(now());
        const goalId = await plp.insertGoal(
          trx,
          {
            traineeId: need.trainee_id,
            title: need.description,
            area: need.area,
            successCriteria: null,
            targetOn: null,
            nextReviewOn: shiftDate(today, 28),
            status: 'not_started',
          },
          need.id,
        );
        await trx.updateTable('identified_needs').set({ goal_id: goalId }).where('id', '=', need.id).execute();
        return (await findPlpGoal(trx, goalId))!;
      });
    },
  };
}
