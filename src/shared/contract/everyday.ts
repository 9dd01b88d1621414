import { z } from 'zod';
import { channel } from './define';
import type { ExportedFile, TextSection } from '../exports/report-document';
import {
  cadenceSchema,
  MAX_DRAFT_CHARS,
  meetingFieldsSchema,
  meetingTemplateSchema,
  type Draft,
  type Meeting,
  type MeetingHistoryEntry,
  type MeetingSchedule,
  type MeetingTemplate,
} from '../meetings/meeting-types';
import {
  earlyNeedsFieldsSchema,
  identifiedNeedSchema,
  type EarlyNeedsView,
  type IdentifiedNeed,
} from '../needs/needs-types';
import { goalFieldsSchema, goalReviewSchema, type PlpGoal } from '../plp/plp-types';
import type { SearchResponse, TimelineEntry } from '../search/search-types';
import {
  supportCatalogueEntrySchema,
  supportOfferSchema,
  supportStepSchema,
  type SupportCatalogueEntry,
  type SupportItem,
} from '../support/support-types';
import type { TodayView } from '../today/today-types';

const id = z.string().min(1).max(64);
const byId = z.object({ id });
const byTrainee = z.object({ traineeId: id });

/** 1:1 meetings, drafts, learning plans, early needs, support, the Today view, search and timeline. */
export const everydayChannels = {
  'meetings:list': channel(byTrainee).returns<Meeting[]>(),
  'meetings:get': channel(byId).returns<Meeting>(),
  'meetings:create': channel(meetingFieldsSchema).changes('meetings').returns<Meeting>(),
  'meetings:update': channel(z.object({ id, fields: meetingFieldsSchema }))
    .changes('meetings')
    .returns<Meeting>(),
  'meetings:delete': channel(byId).changes('meetings').returns<void>(),
  'meetings:restore': channel(byId).changes('meetings').returns<Meeting>(),
  'meetings:history': channel(byId).returns<MeetingHistoryEntry[]>(),
  'meetings:setActionDone': channel(z.object({ id, done: z.boolean() }))
    .changes('meetings')
    .returns<void>(),
  'meetings:templates': channel(z.object({}).default({})).returns<MeetingTemplate[]>(),
  'meetings:saveTemplate': channel(meetingTemplateSchema).changes('meetings').returns<MeetingTemplate>(),
  'meetings:schedule': channel(byTrainee).returns<MeetingSchedule>(),
  'meetings:setCadence': channel(cadenceSchema).changes('meetings').returns<MeetingSchedule>(),
  /** An .ics file for the next 1:1, to add to a calendar. */
  'meetings:calendar': channel(byTrainee).returns<ExportedFile>(),

  'drafts:get': channel(z.object({ key: z.string().min(1).max(200) })).returns<Draft | null>(),
  'drafts:save': channel(
    z.object({
      key: z.string().min(1).max(200),
      traineeId: id.nullable().default(null),
      payload: z.string().max(MAX_DRAFT_CHARS, { error: 'This draft is too long to keep; shorten the notes' }),
    }),
  )
    .changes('drafts')
    .returns<{ updatedAt: string }>(),
  'drafts:discard': channel(z.object({ key: z.string().min(1).max(200) }))
    .changes('drafts')
    .returns<void>(),

  'plp:list': channel(byTrainee).returns<PlpGoal[]>(),
  'plp:createGoal': channel(goalFieldsSchema).changes('plp').returns<PlpGoal>(),
  'plp:updateGoal': channel(z.object({ id, fields: goalFieldsSchema }))
    .changes('plp')
    .returns<PlpGoal>(),
  'plp:deleteGoal': channel(byId).changes('plp').returns<void>(),
  'plp:restoreGoal': channel(byId).changes('plp').returns<PlpGoal>(),
  'plp:addReview': channel(goalReviewSchema).changes('plp').returns<PlpGoal>(),
  'plp:exportPdf': channel(byTrainee).returns<ExportedFile>(),
  'plp:exportText': channel(byTrainee).returns<TextSection[]>(),

  'needs:get': channel(byTrainee).returns<EarlyNeedsView>(),
  'needs:save': channel(earlyNeedsFieldsSchema).changes('needs').returns<EarlyNeedsView>(),
  /** Destroys the intake at the end of training (retention); PLP goals made from it stay. */
  'needs:destroy': channel(byTrainee).changes('needs').returns<EarlyNeedsView>(),
  'needs:addNeed': channel(identifiedNeedSchema).changes('needs').returns<IdentifiedNeed>(),
  'needs:removeNeed': channel(byId).changes('needs').returns<void>(),
  /** Turns an identified need into a PLP goal in one action. */
  'needs:makeGoal': channel(byId).changes('needs', 'plp').returns<PlpGoal>(),

  'support:list': channel(byTrainee).returns<SupportItem[]>(),
  'support:offer': channel(supportOfferSchema).changes('support').returns<SupportItem>(),
  'support:step': channel(supportStepSchema).changes('support').returns<SupportItem>(),
  'support:delete': channel(byId).changes('support').returns<void>(),
  'support:restore': channel(byId).changes('support').returns<SupportItem>(),
  'support:catalogue': channel(
    z.object({ includeInactive: z.boolean().default(false) }).default({ includeInactive: false }),
  ).returns<SupportCatalogueEntry[]>(),
  'support:saveCatalogueEntry': channel(supportCatalogueEntrySchema)
    .changes('support')
    .returns<SupportCatalogueEntry>(),

  /** `kind` narrows the rows (before the per-group cap); the kind counts always cover everything. */
  'today:view': channel(
    z.object({ kind: z.string().max(60).nullable().default(null) }).default({ kind: null }),
  ).returns<TodayView>(),
  'search:query': channel(
    z.object({
      text: z.string().max(200, { error: 'Search for at most 200 characters' }),
      limit: z.number().int().min(1).max(100).default(30),
    }),
  ).returns<SearchResponse>(),
  'timeline:list': channel(byTrainee).returns<TimelineEntry[]>(),
};
