import { z } from 'zod';
import { channel } from '../contract/define';
import type { ExportedFile } from '../exports';
import { byId, byTrainee, empty, idSchema } from '../schema-helpers';
import {
  cadenceSchema,
  meetingFieldsSchema,
  meetingTemplateSchema,
  type Meeting,
  type MeetingHistoryEntry,
  type MeetingSchedule,
  type MeetingTemplate,
} from './meeting-types';

export const meetingChannels = {
  'meetings:list': channel(byTrainee).returns<Meeting[]>(),
  'meetings:get': channel(byId).returns<Meeting>(),
  'meetings:create': channel(meetingFieldsSchema).changes('meetings').returns<Meeting>(),
  'meetings:update': channel(z.strictObject({ id: idSchema, fields: meetingFieldsSchema }))
    .changes('meetings')
    .returns<Meeting>(),
  'meetings:delete': channel(byId).changes('meetings').returns<void>(),
  'meetings:restore': channel(byId).changes('meetings').returns<Meeting>(),
  'meetings:history': channel(byId).returns<MeetingHistoryEntry[]>(),
  'meetings:setActionDone': channel(z.strictObject({ id: idSchema, done: z.boolean() }))
    .changes('meetings')
    .returns<void>(),
  'meetings:templates': channel(empty).returns<MeetingTemplate[]>(),
  'meetings:saveTemplate': channel(meetingTemplateSchema).changes('meetings').returns<MeetingTemplate>(),
  'meetings:schedule': channel(byTrainee).returns<MeetingSchedule>(),
  'meetings:setCadence': channel(cadenceSchema).changes('meetings').returns<MeetingSchedule>(),
  /** An .ics file for the next 1:1, to add to a calendar. */
  'meetings:calendar': channel(byTrainee).changes('exportLog').returns<ExportedFile>(),
};
