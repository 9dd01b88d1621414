import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { formatLongDate, ukToday } from '../../../shared/dates';
import type { ExportedFile, ReportDocument, TextSection } from '../../../shared/exports/report-document';
import { ACTION_OWNERS, type SharedMeeting } from '../../../shared/meetings/meeting-types';
import { labelOf } from '../../../shared/labelled-enum';
import {
  GOAL_STATUSES,
  isGoalOpen,
  type GoalFields,
  type GoalReviewInput,
  type PlpGoal,
} from '../../../shared/plp/plp-types';
import { AppError } from '../../../shared/result';
import { SUPPORT_STATUSES } from '../../../shared/support/support-types';
import { displayName, type Trainee } from '../../../shared/trainees/trainee-schema';
import { reportAsPdf, safeFileName } from '../../exports/exported-file';
import { reportTextSections } from '../../exports/report-text';
import type { Executor } from '../../store/open-store';
import type { DB } from '../../store/schema';
import { recordChange } from '../change-log';
import { recordExport } from '../export-log';
import { requireTrainee } from '../trainees/trainees-read';
import { listSharedMeetings } from '../meetings/meetings-read';
import { findPlpGoal, listPlpGoals } from './plp-read';

/**
 * The plan as a document for the trainee's e-portfolio PDP. It reads only PlpGoal (which has no
 * private field) and the trainee's register details, so nothing private can reach it.
 */
export function plpReport(
  trainee: Trainee,
  goals: PlpGoal[],
  meetings: SharedMeeting[],
  preparedBy: string | null,
  today: string,
): ReportDocument {
  const open = goals.filter((g) => isGoalOpen(g.status));
  const closed = goals.filter((g) => !isGoalOpen(g.status));
  const goalSection = (g: PlpGoal) => ({
    heading: g.title,
    blocks: [
      {
        kind: 'fields' as const,
        rows: [
          ['Area', g.areaLabel],
          ['Status', GOAL_STATUSES.label(g.status)],
          ['Target date', formatLongDate(g.targetOn) || 'Not set'],
          ['Next review', formatLongDate(g.nextReviewOn) || 'Not set'],
        ] as Array<[string, string]>,
      },
      { kind: 'subheading' as const, text: 'What success looks like' },
      { kind: 'paragraph' as const, text: g.successCriteria ?? 'Not yet agreed.' },
      ...(g.reviews.length
        ? [
            { kind: 'subheading' as const, text: 'Progress reviews' },
            {
              kind: 'table' as const,
              columns: ['Date', 'Status after', 'Review'],
              rows: g.reviews.map((r) => [formatLongDate(r.reviewedOn), GOAL_STATUSES.label(r.statusAfter), r.note]),
              widths: [1, 1, 4],
            },
          ]
        : []),
      ...(g.support.length
        ? [
            { kind: 'subheading' as const, text: 'Support' },
            {
              kind: 'bullets' as const,
              items: g.support.map((s) => `${s.label} (${SUPPORT_STATUSES.label(s.status).toLowerCase()})`),
            },
          ]
        : []),
      ...(g.meetings.length
        ? [
            {
              kind: 'note' as const,
              text: `Discussed at 1:1s on ${g.meetings.map((m) => formatLongDate(m.heldOn)).join(', ')}.`,
            },
          ]
        : []),
    ],
  });
  return {
    kind: 'learning-plan',
    title: 'Personalised learning plan',
    subtitle: displayName(trainee),
    cover: [
      ['Trainee', `${trainee.givenName} ${trainee.familyName}`],
      ['GMC number', trainee.gmcNumber],
      ['Programme', `${trainee.programme} (${trainee.grade})`],
      ['Prepared', formatLongDate(today)],
      ...(preparedBy ? [['Prepared by', preparedBy] as [string, string]] : []),
    ],
    sections: [
      {
        heading: 'Plan at a glance',
        blocks: goals.length
          ? [
              {
                kind: 'table',
                columns: ['Goal', 'Area', 'Status', 'Target'],
                rows: goals.map((g) => [
                  g.title,
                  g.areaLabel,
                  GOAL_STATUSES.label(g.status),
                  formatLongDate(g.targetOn) || '—',
                ]),
                widths: [4, 2, 1, 1],
              },
            ]
          : [{ kind: 'paragraph', text: 'No goals have been agreed yet.' }],
      },
      ...open.map(goalSection),
      ...closed.map(goalSection),
      ...(meetings.length
        ? [
            {
              heading: '1:1 meetings about the plan',
              blocks: meetings.flatMap((m) => [
                { kind: 'subheading' as const, text: `${formatLongDate(m.heldOn)} · ${m.meetingTypeLabel}` },
                { kind: 'paragraph' as const, text: m.sharedSummary || 'No shared summary recorded.' },
                ...(m.actions.length
                  ? [
                      {
                        kind: 'bullets' as const,
                        items: m.actions.map(
                          (a) =>
                            `${a.description} (${labelOf(ACTION_OWNERS, a.owner)}, due ${formatLongDate(a.dueOn)}${a.doneOn ? ', done' : ''})`,
                        ),
                      },
                    ]
                  : []),
              ]),
            },
          ]
        : []),
    ],
    footer: `Personalised learning plan · ${displayName(trainee)} · shared content only`,
    contents: goals.length > 3,
  };
}

export type PlpService = ReturnType<typeof createPlpService>;

export function createPlpService(
  db: Kysely<DB>,
  now: () => Date,
  deps: { trainee(id: string): Promise<Trainee>; preparedBy(): Promise<string | null> },
) {
  async function find(executor: Executor, id: string): Promise<PlpGoal> {
    const goal = await findPlpGoal(executor, id);
    if (!goal) throw new AppError('not_found', 'That PLP goal no longer exists.');
    return goal;
  }

  function columns(fields: GoalFields) {
    return {
      title: fields.title,
      area: fields.area,
      success_criteria: fields.successCriteria,
      target_on: fields.targetOn,
      next_review_on: fields.nextReviewOn,
      status: fields.status,
    };
  }

  async function report(traineeId: string): Promise<ReportDocument> {
    const trainee = await deps.trainee(traineeId);
    const goals = await listPlpGoals(db, traineeId);
    const linked = new Set(goals.flatMap((g) => g.meetings.map((m) => m.id)));
    const meetings = (await listSharedMeetings(db, traineeId, '0001-01-01', '9999-12-31')).filter((m) =>
      linked.has(m.id),
    );
    return plpReport(trainee, goals, meetings, await deps.preparedBy(), ukToday(now()));
  }

  /** Inserts a goal; shared with "turn a need into a goal" so both record the same way. */
  async function insertGoal(trx: Executor, fields: GoalFields, sourceNeedId: string | null): Promise<string> {
    await requireTrainee(trx, fields.traineeId);
    const id = randomUUID();
    const at = now().toISOString();
    await trx
      .insertInto('plp_goals')
      .values({
        id,
        trainee_id: fields.traineeId,
        ...columns(fields),
        source_need_id: sourceNeedId,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      })
      .execute();
    await recordChange(trx, { entity: 'plp_goal', entityId: id, action: 'created', after: fields }, now());
    return id;
  }

  return {
    insertGoal,
    list: (traineeId: string) => listPlpGoals(db, traineeId),
    async create(fields: GoalFields): Promise<PlpGoal> {
      return db.transaction().execute(async (trx) => find(trx, await insertGoal(trx, fields, null)));
    },
    async update(id: string, fields: GoalFields): Promise<PlpGoal> {
      return db.transaction().execute(async (trx) => {
        const before = await find(trx, id);
        if (before.traineeId !== fields.traineeId)
          throw new AppError('invalid_input', 'A goal cannot be moved to another trainee’s plan');
        await trx
          .updateTable('plp_goals')
          .set({ ...columns(fields), updated_at: now().toISOString() })
          .where('id', '=', id)
          .execute();
        const action = before.status !== fields.status ? 'status_changed' : 'updated';
        await recordChange(
          trx,
          {
            entity: 'plp_goal',
            entityId: id,
            action,
            before: { title: before.title, status: before.status },
            after: fields,
          },
          now(),
        );
        return find(trx, id);
      });
    },
    async remove(id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await find(trx, id);
        await trx.updateTable('plp_goals').set({ deleted_at: now().toISOString() }).where('id', '=', id).execute();
        await recordChange(trx, { entity: 'plp_goal', entityId: id, action: 'deleted' }, now());
      });
    },
    async restore(id: string): Promise<PlpGoal> {
      await db.updateTable('plp_goals').set({ deleted_at: null }).where('id', '=', id).execute();
      return find(db, id);
    },
    async addReview(input: GoalReviewInput): Promise<PlpGoal> {
      return db.transaction().execute(async (trx) => {
        const goal = await find(trx, input.goalId);
        if (input.reviewedOn > ukToday(now()))
          throw new AppError('invalid_input', 'A review cannot be dated in the future', {
            reviewedOn: 'A review cannot be dated in the future',
          });
        if (input.nextReviewOn && input.nextReviewOn <= input.reviewedOn)
          throw new AppError('invalid_input', 'The next review must be after this one', {
            nextReviewOn: 'The next review must be after this one',
          });
        const open = isGoalOpen(input.statusAfter);
        if (open && !input.nextReviewOn && !goal.targetOn)
          throw new AppError('invalid_input', 'Enter the next review date for a goal still open', {
            nextReviewOn: 'Enter the next review date for a goal still open',
          });
        await trx
          .insertInto('plp_reviews')
          .values({
            id: randomUUID(),
            goal_id: goal.id,
            reviewed_on: input.reviewedOn,
            note: input.note,
            status_after: input.statusAfter,
            created_at: now().toISOString(),
          })
          .execute();
        await trx
          .updateTable('plp_goals')
          .set({
            status: input.statusAfter,
            next_review_on: open ? (input.nextReviewOn ?? goal.nextReviewOn) : null,
            updated_at: now().toISOString(),
          })
          .where('id', '=', goal.id)
          .execute();
        await recordChange(
          trx,
          {
            entity: 'plp_goal',
            entityId: goal.id,
            action: 'reviewed',
            before: { title: goal.title, status: goal.status },
            after: { status: input.statusAfter, reviewedOn: input.reviewedOn },
          },
          now(),
        );
        return find(trx, goal.id);
      });
    },
    async exportPdf(traineeId: string): Promise<ExportedFile> {
      const trainee = await deps.trainee(traineeId);
      const file = await reportAsPdf(
        await report(traineeId),
        safeFileName('plp', trainee.familyName, trainee.givenName, ukToday(now())),
      );
      await recordExport(db, { kind: 'pdf', traineeIds: [traineeId], description: 'PLP PDF' }, now());
      return file;
    },
    async exportText(traineeId: string): Promise<TextSection[]> {
      return reportTextSections(await report(traineeId));
    },
  };
}
