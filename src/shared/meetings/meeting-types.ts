import { z } from 'zod';
import { idSchema } from '../schema-helpers';
import { dateSchema, isRealIsoDate, optionalDateSchema, parseUkDate } from '../dates';
import { optionalText, withoutControlCharacters } from '../text';

export const MEETING_TYPES = [
  { value: 'induction', label: 'Induction / “hello” meeting' },
  { value: 'pastoral', label: 'Pastoral check-in' },
  { value: 'plp_review', label: 'PLP review' },
  { value: 'readiness_to_sit', label: 'Readiness to sit' },
  { value: 'post_fail', label: 'Post-exam-fail conversation' },
  { value: 'arcp_prep', label: 'ARCP preparation' },
  { value: 'other', label: 'Other' },
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number]['value'];
export const MEETING_TYPE_VALUES = MEETING_TYPES.map((t) => t.value) as [MeetingType, ...MeetingType[]];

export const MEETING_MODES = [
  { value: 'in_person', label: 'In person' },
  { value: 'video', label: 'Video' },
  { value: 'phone', label: 'Phone' },
] as const;
export type MeetingMode = (typeof MEETING_MODES)[number]['value'];
export const MEETING_MODE_VALUES = MEETING_MODES.map((m) => m.value) as [MeetingMode, ...MeetingMode[]];

export const ACTION_OWNERS = [
  { value: 'trainee', label: 'Trainee' },
  { value: 'tpd', label: 'TPD' },
  { value: 'es', label: 'Educational supervisor' },
  { value: 'other', label: 'Other' },
] as const;
export type ActionOwner = (typeof ACTION_OWNERS)[number]['value'];
export const ACTION_OWNER_VALUES = ACTION_OWNERS.map((o) => o.value) as [ActionOwner, ...ActionOwner[]];

export const WELLBEING_LEVELS = [
  { value: 'good', label: 'Doing well' },
  { value: 'okay', label: 'Managing' },
  { value: 'struggling', label: 'Struggling' },
] as const;
export type WellbeingLevel = (typeof WELLBEING_LEVELS)[number]['value'];
export const WELLBEING_VALUES = WELLBEING_LEVELS.map((w) => w.value) as [WellbeingLevel, ...WellbeingLevel[]];

/** Every trainee is seen at least this often unless their own cadence says otherwise. */
export const DEFAULT_CADENCE_WEEKS = 8;
/** Generous: a long 1:1 typed in full is a few thousand characters. */
export const MAX_NOTE_CHARS = 20_000;
export const MAX_ACTIONS = 30;

/** Long text that may be blank; kept as typed (blank lines and headings matter in a note). */
export function noteText(max: number, label: string) {
  return z.preprocess(
    (v) => (v == null ? '' : v),
    withoutControlCharacters(
      z.string().max(max, { error: `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` }),
      label,
    ).transform((s) => (s.trim() ? s.replace(/\s+$/, '') : '')),
  );
}

/** A list typed as "Dr Reid; Amara (trainee)" or sent as an array. */
const attendeesSchema = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(/[;\n]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z
    .array(
      withoutControlCharacters(
        z.string().trim().min(1).max(100, { error: 'Each attendee must be 100 characters or fewer' }),
        'An attendee',
      ),
    )
    .max(20, { error: 'List at most 20 attendees' }),
);

const timeSchema = z.preprocess(
  (v) =>
    v == null || (typeof v === 'string' && v.trim() === '')
      ? null
      : typeof v === 'string'
        ? v.trim().replace('.', ':')
        : v,
  z
    .string()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { error: 'Enter the time as hh:mm, e.g. 14:30' })
    .transform((t) => t.padStart(5, '0'))
    .nullable(),
);

const durationSchema = z.preprocess(
  (v) => (v == null || v === '' ? null : typeof v === 'string' ? Number(v.trim()) : v),
  z
    .number({ error: 'Enter the duration in minutes' })
    .int({ error: 'Enter the duration in whole minutes' })
    .min(5, { error: 'A meeting lasts at least 5 minutes' })
    .max(480, { error: 'A meeting lasts at most 480 minutes (8 hours)' })
    .nullable(),
);

/** An action's due date is required: it is what puts the action on the Today view. */
const actionDueSchema = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : (parseUkDate(v) ?? v)) : v),
  z
    .string({
      error: (iss) => (iss.input === undefined ? 'Enter a due date for this action' : 'Enter the due date as a date'),
    })
    .refine(isRealIsoDate, { error: 'The due date is not a real date (use dd/mm/yyyy)' }),
);

export const meetingActionSchema = z.strictObject({
  id: z.string().max(64).nullable().optional(),
  description: withoutControlCharacters(
    z
      .string({ error: 'Describe the action' })
      .trim()
      .min(1, { error: 'Describe the action' })
      .max(500, { error: 'An action must be 500 characters or fewer' }),
    'The action',
  ),
  owner: z.enum(ACTION_OWNER_VALUES, { error: 'Choose who owns the action' }),
  dueOn: actionDueSchema,
  done: z.boolean().default(false),
});
export type MeetingActionInput = z.output<typeof meetingActionSchema>;

/** One 1:1's editable fields: the same schema checks the form and the channel input. */
export const meetingFieldsSchema = z
  .strictObject({
    traineeId: z.string({ error: 'Choose the trainee' }).min(1, { error: 'Choose the trainee' }).max(64),
    heldOn: dateSchema('meeting date'),
    startTime: timeSchema.optional().default(null),
    durationMinutes: durationSchema.optional().default(null),
    mode: z.enum(MEETING_MODE_VALUES, { error: 'Choose how you met' }),
    meetingType: z.enum(MEETING_TYPE_VALUES, { error: 'Choose the meeting type' }),
    attendees: attendeesSchema.default([]),
    sharedSummary: noteText(MAX_NOTE_CHARS, 'The shared summary'),
    privateNotes: noteText(MAX_NOTE_CHARS, 'The private notes'),
    wellbeing: z
      .preprocess(
        (v) => (v === '' || v == null ? null : v),
        z.enum(WELLBEING_VALUES, { error: 'Choose a wellbeing answer' }).nullable(),
      )
      .default(null),
    wellbeingNote: optionalText(2000, 'The wellbeing note').default(null),
    goalIds: z.array(idSchema).max(50).default([]),
    actions: z
      .array(meetingActionSchema)
      .max(MAX_ACTIONS, { error: `Record at most ${MAX_ACTIONS} actions per meeting` })
      .default([]),
    nextDueOn: optionalDateSchema('next 1:1 date').default(null),
  })
  .superRefine((m, ctx) => {
    if (m.nextDueOn && isRealIsoDate(m.nextDueOn) && isRealIsoDate(m.heldOn) && m.nextDueOn <= m.heldOn) {
      ctx.addIssue({ code: 'custom', path: ['nextDueOn'], message: 'The next 1:1 must be after this meeting' });
    }
  });
export type MeetingFieldsInput = z.input<typeof meetingFieldsSchema>;
export type MeetingFields = z.output<typeof meetingFieldsSchema>;

/** An agreed action as it may be shared with the trainee or a panel. */
export interface SharedMeetingAction {
  id: string;
  meetingId: string;
  description: string;
  owner: ActionOwner;
  dueOn: string;
  doneOn: string | null;
}

/**
 * A 1:1 as it may leave the app (ARCP pack, e-portfolio). There is deliberately no private
 * notes or wellbeing field: code that builds exports from this type cannot leak them.
 */
export interface SharedMeeting {
  id: string;
  traineeId: string;
  heldOn: string;
  startTime: string | null;
  durationMinutes: number | null;
  mode: MeetingMode;
  meetingType: MeetingType;
  meetingTypeLabel: string;
  attendees: string[];
  sharedSummary: string;
  actions: SharedMeetingAction[];
  nextDueOn: string | null;
}

/** The full record, for the TPD's own screens only. */
export interface Meeting extends SharedMeeting {
  privateNotes: string;
  wellbeing: WellbeingLevel | null;
  wellbeingNote: string | null;
  goalIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface MeetingTemplate {
  meetingType: MeetingType;
  label: string;
  prompts: string;
}

export const meetingTemplateSchema = z.strictObject({
  meetingType: z.enum(MEETING_TYPE_VALUES),
  prompts: z.string().max(5000, { error: 'A template must be 5,000 characters or fewer' }),
});

export interface MeetingHistoryEntry {
  at: string;
  action: string;
  /** Names of the fields that changed, in words. */
  changed: string[];
}

/** When each trainee's next 1:1 is due and how often they are seen. */
export interface MeetingSchedule {
  traineeId: string;
  cadenceWeeks: number;
  lastHeldOn: string | null;
  nextDueOn: string;
  /** True when the date comes from the last meeting's "next 1:1" field rather than the cadence. */
  agreed: boolean;
}

export const cadenceSchema = z.strictObject({
  traineeId: idSchema,
  weeks: z.coerce
    .number({ error: 'Enter the number of weeks between 1:1s' })
    .int({ error: 'Use a whole number of weeks' })
    .min(1, { error: 'Meet at least every 52 weeks and at most every week' })
    .max(52, { error: 'Meet at least every 52 weeks and at most every week' }),
});

export interface Draft {
  key: string;
  payload: string;
  updatedAt: string;
}
/** A draft is the form as typed; generous, but bounded. */
export const MAX_DRAFT_CHARS = 2 * MAX_NOTE_CHARS + 50_000;
