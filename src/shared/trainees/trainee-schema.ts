import { z } from 'zod';
import { dateSchema, isRealIsoDate, optionalDateSchema } from '../dates';
import { optionalText, requiredText, withoutControlCharacters } from '../text';
import { TRAINEE_STATUSES, TRAINING_GRADES, WTE_MAX, WTE_MIN, type TraineeStatus } from './reference';

export const GMC_NUMBER_MESSAGE = 'GMC number must be exactly 7 digits';

export const gmcNumberSchema = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.replace(/\s+/g, '') : v),
  z
    .string({ error: 'Enter the GMC number' })
    .min(1, { error: 'Enter the GMC number' })
    .regex(/^\d{7}$/, { error: GMC_NUMBER_MESSAGE }),
);

/**
 * Reads a whole-time equivalent typed as `0.8`, `1.0` or `80%`. A bare number is a fraction:
 * `1.4` is refused as out of range rather than guessed at.
 */
export function parseWte(value: unknown): unknown {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) return Math.round(Number(percent[1]) * 100) / 10000;
  return /^\d*\.?\d+$/.test(text) ? Number(text) : Number.NaN;
}

const WTE_RANGE = `Whole-time equivalent must be between ${WTE_MIN} and ${WTE_MAX.toFixed(1)} (e.g. 0.8 or 80%)`;

export const wteSchema = z.preprocess(
  parseWte,
  z
    .number({ error: (iss) => (iss.input === undefined ? 'Enter the whole-time equivalent' : WTE_RANGE) })
    .min(WTE_MIN, { error: WTE_RANGE })
    .max(WTE_MAX, { error: WTE_RANGE }),
);

export const gradeSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
  z.enum(TRAINING_GRADES, { error: `Training grade must be one of ${TRAINING_GRADES.join(', ')}` }),
);

/** A name on one line: runs of spaces (and a line break from a spreadsheet cell) become one space; NUL and other controls are refused. */
const nameSchema = (missing: string, label: string) => requiredText(100, missing, label, 'one');

/** Tags as a list, or as typed in a form: "LTFT; mentor assigned". */
export const tagsSchema = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(/[;,]/)
          .map((t) => t.trim())
          .filter(Boolean)
      : v,
  z
    .array(
      withoutControlCharacters(
        z.string().trim().min(1).max(40, { error: 'Each tag must be 40 characters or fewer' }),
        'A tag',
      ),
    )
    .max(20, { error: 'Use at most 20 tags' })
    .transform((tags) => [...new Set(tags)]),
);

/** One trainee's editable fields. The same schema checks the form, the CSV import and the IPC input. */
export const traineeFieldsSchema = z
  .strictObject({
    givenName: nameSchema('Enter the trainee’s first name', 'First name'),
    familyName: nameSchema('Enter the trainee’s surname', 'Surname'),
    preferredName: optionalText(100, 'Preferred name', 'one'),
    pronouns: optionalText(40, 'Pronouns', 'one'),
    gmcNumber: gmcNumberSchema,
    email: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() || null : v),
      z.email({ error: 'Enter a valid email address, like name@nhs.net' }).max(200).nullable().optional().default(null),
    ),
    programme: requiredText(200, 'Enter the programme or scheme', 'Programme', 'one'),
    grade: gradeSchema,
    programmeStartDate: dateSchema('programme start date'),
    expectedCctDate: optionalDateSchema('expected CCT date'),
    wte: wteSchema,
    status: TRAINEE_STATUSES.schema('Choose a status').default('in_programme'),
    /** With status Left, the day they left without a CCT; with Completed, the CCT date. */
    leftTrainingOn: optionalDateSchema('date they left training'),
    educationalSupervisor: optionalText(200, 'Educational supervisor', 'one'),
    currentPost: optionalText(300, 'Current post', 'one'),
    tags: tagsSchema.default([]),
  })
  .superRefine((t, ctx) => {
    // Compare only real dates: an impossible date already has its own message.
    if (
      t.expectedCctDate &&
      isRealIsoDate(t.expectedCctDate) &&
      isRealIsoDate(t.programmeStartDate) &&
      t.expectedCctDate <= t.programmeStartDate
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['expectedCctDate'],
        message: 'The expected CCT date must be after the programme start date',
      });
    }
    if (t.leftTrainingOn && t.status !== 'left' && t.status !== 'completed') {
      ctx.addIssue({
        code: 'custom',
        path: ['leftTrainingOn'],
        message: 'A leaving date is kept only with the status Left or Completed; clear it or change the status',
      });
    } else if (
      t.leftTrainingOn &&
      isRealIsoDate(t.leftTrainingOn) &&
      isRealIsoDate(t.programmeStartDate) &&
      t.leftTrainingOn <= t.programmeStartDate
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['leftTrainingOn'],
        message: 'The date they left training must be after the programme start date',
      });
    }
  });

export type TraineeFieldsInput = z.input<typeof traineeFieldsSchema>;
export type TraineeFields = z.output<typeof traineeFieldsSchema>;

export interface Trainee extends TraineeFields {
  id: string;
  status: TraineeStatus;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  /**
   * What of the stored record the app could not read, in words (tags that are not a list, a status
   * it does not know). Only on such a record, which the lists still show, named, so it can be put right.
   */
  unreadable?: string[];
}

/**
 * What the register can show of a trainee (every column it offers, plus the archived badge): the
 * list sends only this, and a trainee's page fetches the whole record with `trainees:get`.
 */
export const TRAINEE_ROW_FIELDS = [
  'id',
  'givenName',
  'familyName',
  'preferredName',
  'gmcNumber',
  'email',
  'programme',
  'grade',
  'programmeStartDate',
  'expectedCctDate',
  'wte',
  'status',
  'educationalSupervisor',
  'currentPost',
  'tags',
  'archivedAt',
] as const satisfies readonly (keyof Trainee)[];

export type TraineeRow = Pick<Trainee, (typeof TRAINEE_ROW_FIELDS)[number] | 'unreadable'>;

/** The register's Name column: "Family, First", the preferred name first if there is one. */
export function registerName(t: Pick<Trainee, 'givenName' | 'familyName' | 'preferredName'>): string {
  return `${t.familyName}, ${t.preferredName || t.givenName}`;
}

/**
 * How the register orders names: as text, ignoring case. Both the table and the list's first page
 * (`trainees:list-first`) sort with this, so the first screen shows the rows the full list will.
 */
export function compareRegisterNames(a: string, b: string): number {
  return compareRegisterNameKeys(a.toLowerCase(), b.toLowerCase());
}

/** `registerName` as `compareRegisterNames` compares it: folded once, not on every comparison. */
export function registerNameKey(t: Pick<Trainee, 'givenName' | 'familyName' | 'preferredName'>): string {
  return registerName(t).toLowerCase();
}

/** `compareRegisterNames` over keys from `registerNameKey`. */
export function compareRegisterNameKeys(x: string, y: string): number {
  return x === y ? 0 : x > y ? 1 : -1;
}

/** The most rows `trainees:list-first` sends: a screen or two, never the register. */
export const FIRST_PAGE_MAX = 500;

/** The most rows one page of `trainees:list` sends. */
export const LIST_PAGE_MAX = 10_000;

export function displayName(t: Pick<Trainee, 'givenName' | 'familyName' | 'preferredName'>): string {
  const first = t.preferredName || t.givenName;
  return `${first} ${t.familyName}`;
}
