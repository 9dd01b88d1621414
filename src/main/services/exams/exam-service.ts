import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/result';
import { formatUkDate, ukToday } from '../../../shared/dates';
import { defaultItemCount } from '../../../shared/exams/akt-papers';
import { tierForFail } from '../../../shared/exams/attempt-limits';
import { DOMAIN_GRADES, type ExamDefinition, type ExamRules } from '../../../shared/exams/exam-reference';
import type { AttemptFields, PostFailFields, ReadinessFields } from '../../../shared/exams/exam-schemas';
import type { ExtensionFields } from '../../../shared/exams/extensions';
import type { examDefinitionFieldsSchema } from '../../../shared/exams/exam-schemas';
import type {
  ExamAttempt,
  ExamSetup,
  PostFailDraft,
  PostFailRecord,
  ReadinessRecord,
} from '../../../shared/exams/exam-types';
import type { z } from 'zod';
import type { DB } from '../../store/schema';
import type { Executor } from '../../store/open-store';
import { recordChange } from '../change-log';
import { requireTrainee } from '../trainees/trainees-read';
import { attemptWithContext, traineeExams } from './exam-read';
import { loadDefinitions, loadRules, parseJson, rowToDefinition, type SupportItemLink } from './exam-rows';
import { monitorRows } from './exam-monitor';
import { deleteExtension, monitorTime, saveExtension } from './exam-extensions';
import { offerPostFailSupport } from './exam-support-link';

type DefinitionFields = z.output<typeof examDefinitionFieldsSchema>;

/** Checks component values against the exam: percentages 0-100, grades from the scale. */
export function checkComponents(def: ExamDefinition, components: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [key, value] of Object.entries(components)) {
    const part = def.components.find((c) => c.key === key);
    if (!part) {
      errors[`components.${key}`] = `${def.code} has no part called “${key}”`;
      continue;
    }
    if (def.componentKind === 'percentage') {
      const n = Number(value.replace('%', ''));
      if (!/^\d+(\.\d+)?%?$/.test(value) || n < 0 || n > 100)
        errors[`components.${key}`] = `${part.label} must be a percentage from 0 to 100`;
    } else if (def.componentKind === 'grade' && !(DOMAIN_GRADES as readonly string[]).includes(value)) {
      errors[`components.${key}`] = `${part.label} must be one of ${DOMAIN_GRADES.join(', ')}`;
    }
  }
  return errors;
}

export function normaliseComponents(def: ExamDefinition, components: Record<string, string>): Record<string, string> {
  if (def.componentKind !== 'percentage') return components;
  return Object.fromEntries(Object.entries(components).map(([k, v]) => [k, String(Number(v.replace('%', '')))]));
}

export type ExamService = ReturnType<typeof createExamService>;

export function createExamService(db: Kysely<DB>, now: () => Date) {
  async function definition(db_: Executor, id: string): Promise<ExamDefinition> {
    const row = await db_.selectFrom('exam_definitions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'That exam is no longer defined.', { examId: 'Choose the exam' });
    return rowToDefinition(row);
  }

  async function postFailById(id: string): Promise<PostFailRecord> {
    const row = await db.selectFrom('exam_post_fail').select(['trainee_id']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'That post-fail conversation no longer exists.');
    return (await traineeExams(db, row.trainee_id)).postFail.find((p) => p.id === id)!;
  }

  return {
    async setup(): Promise<ExamSetup> {
      return { definitions: await loadDefinitions(db), rules: await loadRules(db) };
    },

    async saveDefinition(id: string | undefined, fields: DefinitionFields): Promise<ExamDefinition> {
      const at = now().toISOString();
      const clash = await db
        .selectFrom('exam_definitions')
        .select('id')
        .where('code', '=', fields.code)
        .executeTakeFirst();
      if (clash && clash.id !== id)
        throw new AppError('conflict', `There is already an exam with the code ${fields.code}.`, {
          code: 'Choose a different code',
        });
      const columns = {
        code: fields.code,
        name: fields.name,
        has_score: fields.hasScore ? 1 : 0,
        component_kind: fields.componentKind,
        components: JSON.stringify(fields.componentKind === 'none' ? [] : fields.components),
        earliest_grade: fields.earliestGrade,
        historic: fields.historic ? 1 : 0,
        attempt_group: fields.attemptGroup || fields.code,
        booking_weeks_before: fields.bookingWeeksBefore,
        updated_at: at,
      };
      const savedId = id ?? randomUUID();
      await db.transaction().execute(async (trx) => {
        if (id) {
          const before = await definition(trx, id);
          await trx.updateTable('exam_definitions').set(columns).where('id', '=', id).execute();
          await recordChange(
            trx,
            { entity: 'exam_definition', entityId: id, action: 'updated', before, after: fields },
            now(),
          );
        } else {
          const order = await trx
            .selectFrom('exam_definitions')
            .select((eb) => eb.fn.max('sort_order').as('m'))
            .executeTakeFirst();
          await trx
            .insertInto('exam_definitions')
            .values({
              id: savedId,
              ...columns,
              built_in: 0,
              sort_order: Number(order?.m ?? 0) + 1,
              created_at: at,
              archived_at: null,
            })
            .execute();
          await recordChange(
            trx,
            { entity: 'exam_definition', entityId: savedId, action: 'created', after: fields },
            now(),
          );
        }
      });
      return definition(db, savedId);
    },

    async archiveDefinition(id: string): Promise<ExamDefinition> {
      await definition(db, id);
      await db.updateTable('exam_definitions').set({ archived_at: now().toISOString() }).where('id', '=', id).execute();
      return definition(db, id);
    },

    async saveRules(rules: ExamRules): Promise<ExamRules> {
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const before = await loadRules(trx);
        for (const key of ['attemptLimits', 'ladder'] as const) {
          const value = JSON.stringify(rules[key]);
          await trx
            .insertInto('exam_rules')
            .values({ key, value, updated_at: at })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
            .execute();
        }
        await recordChange(
          trx,
          { entity: 'exam_rules', entityId: 'rules', action: 'updated', before, after: rules },
          now(),
        );
      });
      return loadRules(db);
    },

    forTrainee: (traineeId: string) =>
      requireTrainee(db, traineeId).then(() => traineeExams(db, traineeId, ukToday(now()))),

    async saveAttempt(traineeId: string, id: string | undefined, fields: AttemptFields): Promise<ExamAttempt> {
      await requireTrainee(db, traineeId);
      if (fields.sittingDate > ukToday(now())) {
        const message = `The sitting date ${formatUkDate(fields.sittingDate)} is in the future: record a result once the exam has been sat (a planned sitting goes in a readiness discussion)`;
        throw new AppError('invalid_input', message, { sittingDate: message });
      }
      const def = await definition(db, fields.examId);
      const errors = checkComponents(def, fields.components);
      if (Object.keys(errors).length > 0) throw new AppError('invalid_input', Object.values(errors)[0]!, errors);
      const itemCount = def.hasScore ? (fields.itemCount ?? defaultItemCount(def.code, fields.sittingDate)) : null;
      if (def.hasScore && fields.score !== null && itemCount !== null && fields.score > itemCount) {
        const message = `The score cannot be more than the ${itemCount} items in this ${def.code} paper`;
        throw new AppError('invalid_input', message, { score: message });
      }
      if (def.hasScore && fields.passMark !== null && itemCount !== null && fields.passMark > itemCount) {
        const message = `The pass mark cannot be more than the ${itemCount} items in this ${def.code} paper`;
        throw new AppError('invalid_input', message, { passMark: message });
      }
      const at = now().toISOString();
      const columns = {
        exam_id: def.id,
        sitting_date: fields.sittingDate,
        result: fields.result,
        score: def.hasScore ? fields.score : null,
        pass_mark: def.hasScore ? fields.passMark : null,
        item_count: itemCount,
        components: JSON.stringify(normaliseComponents(def, fields.components)),
        feedback: fields.feedback,
        updated_at: at,
      };
      const clash = await db
        .selectFrom('exam_attempts')
        .select('id')
        .where('trainee_id', '=', traineeId)
        .where('exam_id', '=', def.id)
        .where('sitting_date', '=', fields.sittingDate)
        .executeTakeFirst();
      if (clash && clash.id !== id)
        throw new AppError('conflict', `An ${def.code} attempt on that date is already recorded.`, {
          sittingDate: 'This sitting is already recorded',
        });
      const savedId = id ?? randomUUID();
      await db.transaction().execute(async (trx) => {
        if (id) {
          const before = await trx
            .selectFrom('exam_attempts')
            .selectAll()
            .where('id', '=', id)
            .where('trainee_id', '=', traineeId)
            .executeTakeFirst();
          if (!before) throw new AppError('not_found', 'That exam attempt no longer exists.');
          await trx.updateTable('exam_attempts').set(columns).where('id', '=', id).execute();
          await recordChange(
            trx,
            { entity: 'exam_attempt', entityId: id, action: 'updated', before, after: columns },
            now(),
          );
        } else {
          await trx
            .insertInto('exam_attempts')
            .values({ id: savedId, trainee_id: traineeId, ...columns, source: 'manual', created_at: at })
            .execute();
          await recordChange(
            trx,
            { entity: 'exam_attempt', entityId: savedId, action: 'created', after: columns },
            now(),
          );
        }
      });
      return (await traineeExams(db, traineeId)).attempts.find((a) => a.id === savedId)!;
    },

    async deleteAttempt(id: string): Promise<{ id: string }> {
      const linked = await db.selectFrom('exam_post_fail').select('id').where('attempt_id', '=', id).executeTakeFirst();
      if (linked)
        throw new AppError(
          'conflict',
          'This attempt has a post-fail conversation recorded against it, so it cannot be deleted.',
        );
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('exam_attempts').selectAll().where('id', '=', id).executeTakeFirst();
        if (!before) throw new AppError('not_found', 'That exam attempt no longer exists.');
        await trx.deleteFrom('exam_attempts').where('id', '=', id).execute();
        await recordChange(trx, { entity: 'exam_attempt', entityId: id, action: 'deleted', before }, now());
      });
      return { id };
    },

    /** A new post-fail form, pre-filled from the failed attempt (weakest areas) and the ladder. */
    async postFailDraft(attemptId: string): Promise<PostFailDraft> {
      const { attempt, def, failNumber } = await attemptWithContext(db, attemptId);
      if (attempt.result !== 'fail')
        throw new AppError('invalid_input', 'A post-fail conversation can only be recorded against a failed attempt.');
      const tier = tierForFail((await loadRules(db)).ladder, failNumber);
      return {
        attempt,
        failNumber,
        supportTier: tier?.failNumber ?? failNumber,
        supportTierLabel: tier?.label ?? null,
        supportOffered: (tier?.support ?? []).map((label) => ({ label, accepted: false })),
        feedbackByArea: attempt.components.map((c) => ({
          key: c.key,
          label: c.label,
          result: c.value,
          weakest: attempt.weakestAreas.includes(c.label),
          note: null,
        })),
        bookingWeeksBefore: def.bookingWeeksBefore,
      };
    },

    async savePostFail(attemptId: string, id: string | undefined, fields: PostFailFields): Promise<PostFailRecord> {
      const { attempt, failNumber } = await attemptWithContext(db, attemptId);
      if (attempt.result !== 'fail')
        throw new AppError('invalid_input', 'A post-fail conversation can only be recorded against a failed attempt.');
      const existing = await db
        .selectFrom('exam_post_fail')
        .selectAll()
        .where('attempt_id', '=', attemptId)
        .executeTakeFirst();
      if (existing && existing.id !== id)
        throw new AppError(
          'conflict',
          'A post-fail conversation is already recorded for this attempt; edit that one instead.',
        );
      if (id && !existing) throw new AppError('not_found', 'That post-fail conversation no longer exists.');
      const ladder = (await loadRules(db)).ladder;
      const tier = ladder.find((t) => t.failNumber === fields.supportTier) ?? tierForFail(ladder, failNumber);
      const at = now().toISOString();
      const savedId = id ?? randomUUID();
      const columns = {
        held_on: fields.heldOn,
        participants: fields.participants,
        owner: fields.owner,
        trainee_reflection: fields.traineeReflection,
        feedback_by_area: JSON.stringify(fields.feedbackByArea),
        contributing_factors: JSON.stringify(fields.contributingFactors),
        support_tier: fields.supportTier,
        support_tier_label: tier?.label ?? null,
        support_offered: JSON.stringify(fields.supportOffered),
        resit_target_date: fields.resitTargetDate,
        study_plan: fields.studyPlan,
        mocks: fields.mocks,
        review_dates: JSON.stringify(fields.reviewDates),
        agreed_actions: JSON.stringify(fields.agreedActions),
        trainee_agreed: fields.traineeAgreed ? 1 : 0,
        private_note: fields.privateNote,
        updated_at: at,
      };
      await db.transaction().execute(async (trx) => {
        // Support the trainee accepted becomes support items of the 1:1 feature, in this same transaction.
        const links = await offerPostFailSupport(trx, {
          traineeId: attempt.traineeId,
          conversationId: savedId,
          offeredOn: fields.heldOn,
          offers: fields.supportOffered,
          existing: parseJson<SupportItemLink[]>(existing?.support_item_ids, []),
          now: now(),
        });
        if (existing) {
          await trx
            .updateTable('exam_post_fail')
            .set({ ...columns, support_item_ids: JSON.stringify(links) })
            .where('id', '=', existing.id)
            .execute();
          // The private note is left out of the change log so history views cannot show it.
          await recordChange(trx, { entity: 'exam_post_fail', entityId: existing.id, action: 'updated' }, now());
        } else {
          await trx
            .insertInto('exam_post_fail')
            .values({
              id: savedId,
              trainee_id: attempt.traineeId,
              attempt_id: attemptId,
              ...columns,
              support_item_ids: JSON.stringify(links),
              created_at: at,
            })
            .execute();
          await recordChange(trx, { entity: 'exam_post_fail', entityId: savedId, action: 'created' }, now());
        }
      });
      return postFailById(savedId);
    },

    postFailById,

    async readinessById(id: string): Promise<ReadinessRecord> {
      const row = await db.selectFrom('exam_readiness').select(['trainee_id']).where('id', '=', id).executeTakeFirst();
      if (!row) throw new AppError('not_found', 'That readiness discussion no longer exists.');
      return (await traineeExams(db, row.trainee_id)).readiness.find((r) => r.id === id)!;
    },

    async saveReadiness(traineeId: string, id: string | undefined, fields: ReadinessFields): Promise<ReadinessRecord> {
      await requireTrainee(db, traineeId);
      await definition(db, fields.examId);
      const at = now().toISOString();
      const savedId = id ?? randomUUID();
      const columns = {
        exam_id: fields.examId,
        discussed_on: fields.discussedOn,
        planned_sitting_date: fields.plannedSittingDate,
        mock_results: fields.mockResults,
        gaps: fields.gaps,
        consultation_feedback: fields.consultationFeedback,
        wellbeing: fields.wellbeing,
        trainee_view: fields.traineeView,
        educator_view: fields.educatorView,
        decision: fields.decision,
        reasons: fields.reasons,
        agreed_actions: JSON.stringify(fields.agreedActions),
        private_note: fields.privateNote,
        updated_at: at,
      };
      await db.transaction().execute(async (trx) => {
        if (id) {
          const before = await trx
            .selectFrom('exam_readiness')
            .select('id')
            .where('id', '=', id)
            .where('trainee_id', '=', traineeId)
            .executeTakeFirst();
          if (!before) throw new AppError('not_found', 'That readiness discussion no longer exists.');
          await trx.updateTable('exam_readiness').set(columns).where('id', '=', id).execute();
          await recordChange(trx, { entity: 'exam_readiness', entityId: id, action: 'updated' }, now());
        } else {
          await trx
            .insertInto('exam_readiness')
            .values({ id: savedId, trainee_id: traineeId, ...columns, created_at: at })
            .execute();
          await recordChange(trx, { entity: 'exam_readiness', entityId: savedId, action: 'created' }, now());
        }
      });
      return (await traineeExams(db, traineeId)).readiness.find((r) => r.id === savedId)!;
    },

    monitor: () => monitorRows(db, ukToday(now())),
    monitorTime: () => monitorTime(db, ukToday(now())),
    saveExtension: (traineeId: string, id: string | undefined, fields: ExtensionFields) =>
      saveExtension(db, traineeId, id, fields, now),
    deleteExtension: (id: string) => deleteExtension(db, id, now),
  };
}
