// Frozen reference copy (see README.md): do not change.
import { sql } from 'kysely';
import { DEFAULT_CADENCE_WEEKS, type MeetingSchedule } from '../../../src/shared/meetings/meeting-types';
import { shiftDate } from '../../../src/shared/dates';
import type { Executor } from '../../../src/main/store/open-store';

/** Trainees on leave or out of programme are not expected at 1:1s until they return. */
export const STATUSES_SEEN_AT_1_1S = ['in_programme', 'extension'];
/** A trainee with no 1:1 yet should have a first ("hello") meeting soon after starting. */
export const FIRST_MEETING_WITHIN_DAYS = 14;

/**
 * When each trainee's next 1:1 is due: the date agreed at the last meeting if one was set,
 * otherwise the last meeting plus their cadence (default 8 weeks).
 */
export function nextMeetingDue(input: {
  lastHeldOn: string | null;
  agreedNextOn: string | null;
  cadenceWeeks: number;
  startedOn: string;
}): { nextDueOn: string; agreed: boolean } {
  if (input.lastHeldOn && input.agreedNextOn && input.agreedNextOn > input.lastHeldOn)
    return { nextDueOn: input.agreedNextOn, agreed: true };
  if (input.lastHeldOn) return { nextDueOn: shiftDate(input.lastHeldOn, input.cadenceWeeks * 7), agreed: false };
  return { nextDueOn: shiftDate(input.startedOn, FIRST_MEETING_WITHIN_DAYS), agreed: false };
}

export async function meetingSchedules(
  db: Executor,
  traineeId?: string,
): Promise<Array<MeetingSchedule & { traineeName: string }>> {
  let trainees = db
    .selectFrom('trainees as t')
    .leftJoin('meeting_cadence as c', 'c.trainee_id', 't.id')
    .select([
      't.id',
      't.programme_start_date',
      't.created_at',
      'c.weeks',
      sql<string>`coalesce(nullif(t.preferred_name, ''), t.given_name) || ' ' || t.family_name`.as('trainee_name'),
    ])
    .where('t.archived_at', 'is', null);
  if (traineeId) trainees = trainees.where('t.id', '=', traineeId);
  else trainees = trainees.where('t.status', 'in', STATUSES_SEEN_AT_1_1S);
  // One grouped pass over the meetings beats two correlated look-ups per trainee on a large
  // register. The latest 1:1's agreed next date rides along with its date in one max() (portable SQL).
  let meetings = db
    .selectFrom('meetings')
    .select(['trainee_id', sql<string>`max(held_on || '|' || coalesce(next_due_on, ''))`.as('latest')])
    .where('deleted_at', 'is', null)
    .groupBy('trainee_id');
  if (traineeId) meetings = meetings.where('trainee_id', '=', traineeId);
  const [rows, held] = await Promise.all([trainees.execute(), meetings.execute()]);
  const latest = new Map(
    held.map((m) => {
      const [heldOn, nextDue] = m.latest.split('|') as [string, string];
      return [m.trainee_id, { held_on: heldOn, next_due_on: nextDue || null }];
    }),
  );
  return rows.map((r) => {
    const cadenceWeeks = r.weeks ?? DEFAULT_CADENCE_WEEKS;
    const added = r.created_at.slice(0, 10);
    const startedOn = r.programme_start_date > added ? r.programme_start_date : added;
    const last = latest.get(r.id);
    const next = nextMeetingDue({
      lastHeldOn: last?.held_on ?? null,
      agreedNextOn: last?.next_due_on ?? null,
      cadenceWeeks,
      startedOn,
    });
    return {
      traineeId: r.id,
      traineeName: r.trainee_name,
      cadenceWeeks,
      lastHeldOn: last?.held_on ?? null,
      nextDueOn: next.nextDueOn,
      agreed: next.agreed,
    };
  });
}
