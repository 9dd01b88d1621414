import { MEETING_TYPES } from '../../../shared/meetings/meeting-types';
import { labelOf } from '../../../shared/labelled-enum';
import { goalAreaLabel, type GoalStatus, type PlpGoal } from '../../../shared/plp/plp-types';
import { groupBy, inChunks } from '../../store/in-chunks';
import type { Executor } from '../../store/open-store';
import type { PlpGoalsTable } from '../../store/schema-everyday';

const STATUS_ORDER: Record<string, number> = { in_progress: 0, not_started: 1, achieved: 2, stopped: 3 };

function goalHead(r: PlpGoalsTable): PlpGoalHead {
  return {
    id: r.id,
    traineeId: r.trainee_id,
    title: r.title,
    area: r.area,
    areaLabel: goalAreaLabel(r.area),
    successCriteria: r.success_criteria,
    targetOn: r.target_on,
    nextReviewOn: r.next_review_on,
    status: r.status as GoalStatus,
    sourceNeedId: r.source_need_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function goalsWithLinks(db: Executor, rows: PlpGoalsTable[]): Promise<PlpGoal[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [reviews, meetings, support] = await Promise.all([
    db
      .selectFrom('plp_reviews')
      .selectAll()
      .where('goal_id', 'in', ids)
      .orderBy('reviewed_on')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('meeting_goals as mg')
      .innerJoin('meetings as m', 'm.id', 'mg.meeting_id')
      .select(['mg.goal_id', 'm.id', 'm.held_on', 'm.meeting_type'])
      .where('mg.goal_id', 'in', ids)
      .where('m.deleted_at', 'is', null)
      .orderBy('m.held_on')
      .execute(),
    db
      .selectFrom('support_items')
      .select(['id', 'goal_id', 'label', 'status'])
      .where('goal_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .orderBy('offered_on')
      .execute(),
  ]);
  return rows.map((r) => ({
    ...goalHead(r),
    reviews: reviews
      .filter((v) => v.goal_id === r.id)
      .map((v) => ({
        id: v.id,
        goalId: v.goal_id,
        reviewedOn: v.reviewed_on,
        note: v.note,
        statusAfter: v.status_after as GoalStatus,
      })),
    meetings: meetings
      .filter((m) => m.goal_id === r.id)
      .map((m) => ({ id: m.id, heldOn: m.held_on, meetingTypeLabel: labelOf(MEETING_TYPES, m.meeting_type) })),
    support: support.filter((s) => s.goal_id === r.id).map((s) => ({ id: s.id, label: s.label, status: s.status })),
  }));
}

/** Open goals first, then achieved and stopped; by target date within each. */
function planOrder(rows: PlpGoalsTable[]): PlpGoalsTable[] {
  return rows.sort(
    (a, b) =>
      (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) ||
      (a.target_on ?? '9999').localeCompare(b.target_on ?? '9999'),
  );
}

/** A trainee's learning plan: open goals first, then achieved and stopped, each with its dated reviews. */
export async function listPlpGoals(db: Executor, traineeId: string): Promise<PlpGoal[]> {
  const rows = await db
    .selectFrom('plp_goals')
    .selectAll()
    .where('trainee_id', '=', traineeId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return goalsWithLinks(db, planOrder(rows));
}

/** The goal itself, without its reviews and links. */
export type PlpGoalHead = Omit<PlpGoal, 'reviews' | 'meetings' | 'support'>;

/**
 * The learning plans of many trainees, read once for them all (the ARCP panel page counts their
 * goals): each in `listPlpGoals`' order, without reviews and links. Every trainee asked for has an entry.
 */
export async function listPlpGoalHeadsOf(
  db: Executor,
  traineeIds: readonly string[],
): Promise<Map<string, PlpGoalHead[]>> {
  const rows = await inChunks(traineeIds, (slice) =>
    db
      .selectFrom('plp_goals')
      .selectAll()
      .where('trainee_id', 'in', slice)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .execute(),
  );
  const byTrainee = groupBy(rows, (r) => r.trainee_id);
  return new Map(traineeIds.map((id) => [id, planOrder(byTrainee.get(id) ?? []).map(goalHead)]));
}

export async function findPlpGoal(db: Executor, id: string): Promise<PlpGoal | null> {
  const row = await db
    .selectFrom('plp_goals')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? ((await goalsWithLinks(db, [row]))[0] ?? null) : null;
}
