import { sql } from 'kysely';
import { DEFAULT_CADENCE_WEEKS, type MeetingSchedule } from '../../../shared/meetings/meeting-types';
import { shiftDate } from '../../../shared/today/today-types';
import type { Executor } from '../../store/open-store';

/** Trainees on leave or out of programme are not expected at 1:1s until they return. */
export const STATUSES_SEEN_AT_1_1S = ['in_programme', 'extension'];
/** A trainee with no 1:1 yet should have a first ("hello") meeting soon after starting. */
export const FIRST_MEETING_WITHIN_DAYS = 14;

/**
 * When each trainee's next 1:1 is due: the date agreed at the last meeting if one was set,
 * otherwise the last meeting plus their cadence (default 8 weeks).
 */
export function nextMeetingDue(input: { lastHeldOn: string | null; agreedNextOn: string | null; cadenceWeeks: number; startedOn: string }): { nextDueOn: string; agreed: boolean } {
  if (input.lastHeldOn && input.agreedNextOn && input.agreedNextOn > input.lastHeldOn) return { nextDueOn: input.agreedNextOn, agreed: true };
  if (input.lastHeldOn) return { nextDueOn: shiftDate(input.lastHeldOn, input.cadenceWeeks * 7), agreed: false };
  return { nextDueOn: shiftDate(input.startedOn, FIRST_MEETING_WITHIN_DAYS), agreed: false };
}

export async function meetingSchedules(db: Executor, traineeId?: string): Promise<Array<MeetingSchedule & { traineeName: string }>> {
  let query = db
    .selectFrom('trainees as t')
    .leftJoin('meeting_cadence as c', 'c.trainee_id', 't.id')
    .select([
      't.id',
      't.programme_start_date',
      't.created_at',
      'c.weeks',
      sql<string>`coalesce(nullif(t.preferred_name, ''), t.given_name) || ' ' || t.family_name`.as('trainee_name'),
      sql<string | null>`(SELECT max(m.held_on) FROM meetings m WHERE m.trainee_id = t.id AND m.deleted_at IS NULL)`.as('last_held_on'),
      sql<string | null>`(SELECT m.next_due_on FROM meetings m WHERE m.trainee_id = t.id AND m.deleted_at IS NULL ORDER BY m.held_on DESC, m.created_at DESC LIMIT 1)`.as('agreed_next_on'),
    ])
    .where('t.archived_at', 'is', null);
  if (traineeId) query = query.where('t.id', '=', traineeId);
  else query = query.where('t.status', 'in', STATUSES_SEEN_AT_1_1S);
  const rows = await query.execute();
  return rows.map((r) => {
    const cadenceWeeks = r.weeks ?? DEFAULT_CADENCE_WEEKS;
    const added = r.created_at.slice(0, 10);
    const startedOn = r.programme_start_date > added ? r.programme_start_date : added;
    const next = nextMeetingDue({ lastHeldOn: r.last_held_on, agreedNextOn: r.agreed_next_on, cadenceWeeks, startedOn });
    return { traineeId: r.id, traineeName: r.trainee_name, cadenceWeeks, lastHeldOn: r.last_held_on, nextDueOn: next.nextDueOn, agreed: next.agreed };
  });
}
