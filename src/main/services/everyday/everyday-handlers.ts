import { randomUUID } from 'node:crypto';
import { MIME, type ExportedFile } from '../../../shared/exports/report-document';
import { formatLongDate } from '../../../shared/dates';
import { displayName } from '../../../shared/trainees/trainee-schema';
import { AppError } from '../../../shared/result';
import type { HandlersFor } from '../../handler-registry';
import { safeFileName } from '../../exports/exported-file';
import { buildIcs } from '../meetings/meeting-calendar';
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema';
import { createDraftService, type DraftService } from '../meetings/draft-service';
import { createMeetingService, type MeetingService } from '../meetings/meeting-service';
import { createNeedsService, type NeedsService } from '../needs/needs-service';
import { createPlpService, type PlpService } from '../plp/plp-service';
import { createSearchService, type SearchService } from '../search/search-service';
import { createTimelineService, type TimelineService } from '../search/timeline-service';
import type { SettingsService } from '../settings/settings-service';
import { createSupportService, type SupportService } from '../support/support-service';
import { createTodayService, type TodayService } from '../today/today-service';
import type { TraineeService } from '../trainees/trainee-service';

export interface EverydayServices {
  trainees: TraineeService;
  meetings: MeetingService;
  drafts: DraftService;
  plp: PlpService;
  needs: NeedsService;
  support: SupportService;
  today: TodayService;
  search: SearchService;
  timeline: TimelineService;
  now: () => Date;
}

/** Everything behind the 1:1s, plans, needs, support, Today, search and timeline channels. */
export function createEverydayServices(
  db: Kysely<DB>,
  now: () => Date,
  deps: { trainees: TraineeService; settings: SettingsService },
): EverydayServices {
  const plp = createPlpService(db, now, {
    trainee: (id) => deps.trainees.get(id),
    preparedBy: async () => (await deps.settings.get()).userName,
  });
  return {
    trainees: deps.trainees,
    meetings: createMeetingService(db, now),
    drafts: createDraftService(db, now),
    plp,
    needs: createNeedsService(db, now, plp),
    support: createSupportService(db, now),
    today: createTodayService(db, now),
    search: createSearchService(db),
    timeline: createTimelineService(db),
    now,
  };
}

/** The next 1:1 as an .ics: the time and length of the last 1:1 if it had them, else an all-day reminder. */
async function nextMeetingCalendar(s: EverydayServices, traineeId: string): Promise<ExportedFile> {
  const trainee = await s.trainees.get(traineeId);
  const schedule = await s.meetings.schedule(traineeId);
  const [last] = await s.meetings.list(traineeId);
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
    stamp: s.now(),
  });
  return {
    fileName: `${safeFileName('1-1', trainee.familyName, trainee.givenName, schedule.nextDueOn)}.ics`,
    mimeType: MIME.ics,
    base64: Buffer.from(ics, 'utf8').toString('base64'),
  };
}

export function everydayHandlers(
  s: EverydayServices,
): HandlersFor<'meetings' | 'drafts' | 'plp' | 'needs' | 'support' | 'today' | 'search' | 'timeline'> {
  return {
    'meetings:list': ({ traineeId }) => s.meetings.list(traineeId),
    'meetings:get': ({ id }) => s.meetings.get(id),
    'meetings:create': (fields) => s.meetings.create(fields),
    'meetings:update': ({ id, fields }) => s.meetings.update(id, fields),
    'meetings:delete': ({ id }) => s.meetings.remove(id),
    'meetings:restore': ({ id }) => s.meetings.restore(id),
    'meetings:history': ({ id }) => s.meetings.history(id),
    'meetings:setActionDone': ({ id, done }) => s.meetings.setActionDone(id, done),
    'meetings:templates': () => s.meetings.templates(),
    'meetings:saveTemplate': (input) => s.meetings.saveTemplate(input),
    'meetings:schedule': ({ traineeId }) => s.meetings.schedule(traineeId),
    'meetings:setCadence': ({ traineeId, weeks }) => s.meetings.setCadence(traineeId, weeks),
    'meetings:calendar': ({ traineeId }) => nextMeetingCalendar(s, traineeId),

    'drafts:get': ({ key }) => s.drafts.get(key),
    'drafts:save': ({ key, traineeId, payload }) => s.drafts.save(key, traineeId, payload),
    'drafts:discard': ({ key }) => s.drafts.discard(key),

    'plp:list': ({ traineeId }) => s.plp.list(traineeId),
    'plp:createGoal': (fields) => s.plp.create(fields),
    'plp:updateGoal': ({ id, fields }) => s.plp.update(id, fields),
    'plp:deleteGoal': ({ id }) => s.plp.remove(id),
    'plp:restoreGoal': ({ id }) => s.plp.restore(id),
    'plp:addReview': (input) => s.plp.addReview(input),
    'plp:exportPdf': ({ traineeId }) => s.plp.exportPdf(traineeId),
    'plp:exportText': ({ traineeId }) => s.plp.exportText(traineeId),

    'needs:get': ({ traineeId }) => s.needs.get(traineeId),
    'needs:save': (fields) => s.needs.save(fields),
    'needs:destroy': ({ traineeId }) => s.needs.destroy(traineeId),
    'needs:addNeed': (input) => s.needs.addNeed(input),
    'needs:removeNeed': ({ id }) => s.needs.removeNeed(id),
    'needs:makeGoal': ({ id }) => s.needs.makeGoal(id),

    'support:list': ({ traineeId }) => s.support.list(traineeId),
    'support:offer': (input) => s.support.offer(input),
    'support:step': (input) => s.support.step(input),
    'support:delete': ({ id }) => s.support.remove(id),
    'support:restore': ({ id }) => s.support.restore(id),
    'support:catalogue': ({ includeInactive }) => s.support.catalogue(includeInactive),
    'support:saveCatalogueEntry': (input) => s.support.saveCatalogueEntry(input),

    'today:view': ({ kind }) => s.today.view(kind),
    'search:query': ({ text, limit }) => {
      if (text.trim().length > 200) throw new AppError('invalid_input', 'Search for at most 200 characters');
      return s.search.query(text, limit);
    },
    'timeline:list': ({ traineeId }) => s.timeline.list(traineeId),
  };
}
