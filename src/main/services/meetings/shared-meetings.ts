import {
  MEETING_TYPES,
  type ActionOwner,
  type MeetingMode,
  type MeetingType,
  type SharedMeeting,
  type SharedMeetingAction,
} from '../../../shared/meetings/meeting-types';
import { labelOf } from '../../../shared/labelled-enum';
import type { Executor } from '../../store/open-store';

/** The columns a shared view may read. `private_notes` and wellbeing are not among them. */
const SHARED_MEETING_COLUMNS = [
  'id',
  'trainee_id',
  'held_on',
  'start_time',
  'duration_minutes',
  'mode',
  'meeting_type',
  'attendees',
  'shared_summary',
  'next_due_on',
] as const;

export async function actionsForMeetings(
  db: Executor,
  meetingIds: string[],
): Promise<Map<string, SharedMeetingAction[]>> {
  const byMeeting = new Map<string, SharedMeetingAction[]>();
  // Chunks keep each IN (…) under SQLite's bound-parameter limit.
  for (let i = 0; i < meetingIds.length; i += 500) {
    const rows = await db
      .selectFrom('meeting_actions')
      .select(['id', 'meeting_id', 'description', 'owner', 'due_on', 'done_on'])
      .where('meeting_id', 'in', meetingIds.slice(i, i + 500))
      .orderBy('meeting_id')
      .orderBy('sort_order')
      .execute();
    for (const r of rows) {
      const list = byMeeting.get(r.meeting_id) ?? [];
      list.push({
        id: r.id,
        meetingId: r.meeting_id,
        description: r.description,
        owner: r.owner as ActionOwner,
        dueOn: r.due_on,
        doneOn: r.done_on,
      });
      byMeeting.set(r.meeting_id, list);
    }
  }
  return byMeeting;
}

/**
 * A trainee's 1:1s held between `from` and `to` (inclusive, yyyy-MM-dd), oldest first, as they
 * may appear in an ARCP pack or e-portfolio export: shared summary and actions, never private notes.
 */
export async function listSharedMeetings(
  db: Executor,
  traineeId: string,
  from: string,
  to: string,
): Promise<SharedMeeting[]> {
  const rows = await db
    .selectFrom('meetings')
    .select(SHARED_MEETING_COLUMNS)
    .where('trainee_id', '=', traineeId)
    .where('deleted_at', 'is', null)
    .where('held_on', '>=', from)
    .where('held_on', '<=', to)
    .orderBy('held_on')
    .orderBy('start_time')
    .execute();
  const actions = await actionsForMeetings(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    traineeId: r.trainee_id,
    heldOn: r.held_on,
    startTime: r.start_time,
    durationMinutes: r.duration_minutes,
    mode: r.mode as MeetingMode,
    meetingType: r.meeting_type as MeetingType,
    meetingTypeLabel: labelOf(MEETING_TYPES, r.meeting_type),
    attendees: JSON.parse(r.attendees) as string[],
    sharedSummary: r.shared_summary,
    actions: actions.get(r.id) ?? [],
    nextDueOn: r.next_due_on,
  }));
}
