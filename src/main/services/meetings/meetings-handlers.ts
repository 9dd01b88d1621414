import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { formatLongDate } from '../../../shared/dates';
import { MIME, type ExportedFile } from '../../../shared/exports';
import { displayName } from '../../../shared/trainees';
import { safeFileName } from '../../exports/exported-file';
import type { HandlersFor } from '../../handler-registry';
import type { DB } from '../../store/schema';
import { recordExport } from '../export-log';
import { findTrainee } from '../trainees/trainees-read';
import { buildIcs } from './meeting-calendar';
import type { MeetingService } from './meeting-service';

/** The next 1:1 as an .ics: the time and length of the last 1:1 if it had them, else an all-day reminder. */
async function nextMeetingCalendar(
  db: Kysely<DB>,
  meetings: MeetingService,
  traineeId: string,
  now: () => Date,
): Promise<ExportedFile> {
  const trainee = await findTrainee(db, traineeId);
  const schedule = await meetings.schedule(traineeId);
  const [last] = await meetings.list(traineeId);
  const name = displayName(trainee);
  const ics = buildIcs({
    uid: `${randomUUID()}@tpd-companion`,
    date: schedule.nextDueOn,
    startTime: last?.startTime ?? null,
    durationMinutes: last?.durationMinutes ?? null,
    summary: `1:1 with ${name}`,
    description: schedule.lastHeldOn
      ? `Next 1:1 with ${name}. Last 1:1 on ${formatLongDate(schedule.lastHeldOn)}.`
      : `First 1:1 with ${name}.`,
    stamp: now(),
  });
  await recordExport(db, { kind: 'ics', traineeIds: [traineeId], description: 'Next 1:1 calendar file' }, now());
  return {
    fileName: `${safeFileName('1-1', trainee.familyName, trainee.givenName, schedule.nextDueOn)}.ics`,
    mimeType: MIME.ics,
    base64: Buffer.from(ics, 'utf8').toString('base64'),
  };
}

export function meetingHandlers(db: Kysely<DB>, meetings: MeetingService, now: () => Date): HandlersFor<'meetings'> {
  return {
    'meetings:list': ({ traineeId }) => meetings.list(traineeId),
    'meetings:get': ({ id }) => meetings.get(id),
    'meetings:create': (fields) => meetings.create(fields),
    'meetings:update': ({ id, fields }) => meetings.update(id, fields),
    'meetings:delete': ({ id }) => meetings.remove(id),
    'meetings:restore': ({ id }) => meetings.restore(id),
    'meetings:history': ({ id }) => meetings.history(id),
    'meetings:setActionDone': ({ id, done }) => meetings.setActionDone(id, done),
    'meetings:templates': () => meetings.templates(),
    'meetings:saveTemplate': (input) => meetings.saveTemplate(input),
    'meetings:schedule': ({ traineeId }) => meetings.schedule(traineeId),
    'meetings:setCadence': ({ traineeId, weeks }) => meetings.setCadence(traineeId, weeks),
    'meetings:calendar': ({ traineeId }) => nextMeetingCalendar(db, meetings, traineeId, now),
  };
}
