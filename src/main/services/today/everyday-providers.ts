import { sql, type Kysely } from 'kysely';
import { formatLongDate } from '../../../shared/dates';
import { ACTION_OWNERS } from '../../../shared/meetings/meeting-types';
import { labelOf } from '../../../shared/labelled-enum';
import { OPEN_GOAL_STATUSES } from '../../../shared/plp/plp-types';
import { OPEN_SUPPORT_STATUSES, SUPPORT_STATUSES } from '../../../shared/support/support-types';
import { urgencyFor, windowEnd, type TodayItem } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { meetingSchedules } from '../meetings/meetings-read';

/** Thousands of rows share a few hundred dates: format each date once per call. */
function longDates(): (iso: string) => string {
  const cache = new Map<string, string>();
  return (iso) => {
    let text = cache.get(iso);
    if (text === undefined) {
      text = formatLongDate(iso);
      cache.set(iso, text);
    }
    return text;
  };
}

/** "Amara Okafor": preferred name first, as the register shows it. */
export const traineeNameSql = sql<string>`coalesce(nullif(t.preferred_name, ''), t.given_name) || ' ' || t.family_name`;

/** Agreed actions from 1:1s that are not done and fall due in the window. */
export async function meetingActionsDue(db: Kysely<DB>, today: string): Promise<TodayItem[]> {
  const rows = await db
    .selectFrom('meeting_actions as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .innerJoin('trainees as t', 't.id', 'a.trainee_id')
    .select([
      'a.id',
      'a.description',
      'a.owner',
      'a.due_on',
      'a.meeting_id',
      'a.trainee_id',
      'm.held_on',
      traineeNameSql.as('trainee_name'),
    ])
    .where('a.done_on', 'is', null)
    .where('a.due_on', '<=', windowEnd(today))
    .where('m.deleted_at', 'is', null)
    .where('t.archived_at', 'is', null)
    .execute();
  const long = longDates();
  return rows.map((r) => ({
    id: r.id,
    kind: 'meeting_action',
    traineeId: r.trainee_id,
    traineeName: r.trainee_name,
    title: r.description,
    detail: `${labelOf(ACTION_OWNERS, r.owner)} · agreed at the 1:1 on ${long(r.held_on)}`,
    dueDate: r.due_on,
    urgency: urgencyFor(r.due_on, today),
    link: `/trainees/${r.trainee_id}/meetings/${r.meeting_id}`,
  }));
}

/** Trainees whose next 1:1 falls due, by the date agreed at the last one or by their cadence. */
export async function meetingsDue(db: Kysely<DB>, today: string): Promise<TodayItem[]> {
  const end = windowEnd(today);
  const schedules = await meetingSchedules(db);
  const long = longDates();
  return schedules
    .filter((s) => s.nextDueOn <= end)
    .map((s) => ({
      id: s.traineeId,
      kind: 'meeting_due',
      traineeId: s.traineeId,
      traineeName: s.traineeName,
      title: s.lastHeldOn ? 'Next 1:1 due' : 'First 1:1 due',
      detail: s.lastHeldOn
        ? `Last 1:1 on ${long(s.lastHeldOn)} · ${s.agreed ? 'date agreed then' : `every ${s.cadenceWeeks} weeks`}`
        : 'No 1:1 recorded yet',
      dueDate: s.nextDueOn,
      urgency: urgencyFor(s.nextDueOn, today),
      link: `/trainees/${s.traineeId}/meetings/new`,
    }));
}

/** Open PLP goals whose review (or target date, when no review is set) falls due. */
export async function planReviewsDue(db: Kysely<DB>, today: string): Promise<TodayItem[]> {
  const due = sql<string>`coalesce(g.next_review_on, g.target_on)`;
  const rows = await db
    .selectFrom('plp_goals as g')
    .innerJoin('trainees as t', 't.id', 'g.trainee_id')
    .select(['g.id', 'g.title', 'g.trainee_id', 'g.status', due.as('due_on'), traineeNameSql.as('trainee_name')])
    .where('g.deleted_at', 'is', null)
    .where('g.status', 'in', OPEN_GOAL_STATUSES)
    .where(due, '<=', windowEnd(today))
    .where('t.archived_at', 'is', null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: 'plp_review',
    traineeId: r.trainee_id,
    traineeName: r.trainee_name,
    title: `Review PLP goal: ${r.title}`,
    detail: r.status === 'not_started' ? 'Not started yet' : 'In progress',
    dueDate: r.due_on,
    urgency: urgencyFor(r.due_on, today),
    link: `/trainees/${r.trainee_id}/plan/${r.id}`,
  }));
}

/** Support offered or accepted whose follow-up date has come: did the trainee take it up? */
export async function supportFollowUpsDue(db: Kysely<DB>, today: string): Promise<TodayItem[]> {
  const rows = await db
    .selectFrom('support_items as s')
    .innerJoin('trainees as t', 't.id', 's.trainee_id')
    .select([
      's.id',
      's.label',
      's.status',
      's.offered_on',
      's.follow_up_on',
      's.trainee_id',
      traineeNameSql.as('trainee_name'),
    ])
    .where('s.deleted_at', 'is', null)
    .where('s.status', 'in', OPEN_SUPPORT_STATUSES)
    .where('s.follow_up_on', 'is not', null)
    .where('s.follow_up_on', '<=', windowEnd(today))
    .where('t.archived_at', 'is', null)
    .execute();
  const long = longDates();
  return rows.map((r) => ({
    id: r.id,
    kind: 'support_follow_up',
    traineeId: r.trainee_id,
    traineeName: r.trainee_name,
    title: `Follow up: ${r.label}`,
    detail: `${SUPPORT_STATUSES.label(r.status)} · offered on ${long(r.offered_on)}`,
    dueDate: r.follow_up_on!,
    urgency: urgencyFor(r.follow_up_on!, today),
    link: `/trainees/${r.trainee_id}/support/${r.id}`,
  }));
}

/** Early-needs forms whose retention ends (the end of training): time to destroy them. */
export async function earlyNeedsRetentionDue(db: Kysely<DB>, today: string): Promise<TodayItem[]> {
  const rows = await db
    .selectFrom('early_needs as n')
    .innerJoin('trainees as t', 't.id', 'n.trainee_id')
    .select(['n.trainee_id', 'n.retain_until', traineeNameSql.as('trainee_name')])
    .where('n.retain_until', '<=', windowEnd(today))
    .execute();
  return rows.map((r) => ({
    id: r.trainee_id,
    kind: 'needs_retention',
    traineeId: r.trainee_id,
    traineeName: r.trainee_name,
    title: 'Destroy the early-needs form',
    detail: 'Kept only until the end of training (data protection)',
    dueDate: r.retain_until,
    urgency: urgencyFor(r.retain_until, today),
    link: `/trainees/${r.trainee_id}/needs`,
  }));
}
