import { z } from 'zod';
import { dateSchema, isRealIsoDate, optionalDateSchema, parseUkDate } from '../dates';
import { controlCharacterIn, optionalText, requiredText, withoutControlCharacters } from '../text';
import { TRAINING_GRADES } from '../trainees';
import {
  CONTRIBUTING_FACTORS,
  DOMAIN_GRADES,
  EXAM_RESULTS,
  FAILING_GRADES,
  READINESS_DECISIONS,
} from './exam-reference';

/**
 * The schemas behind the exam forms. Each accepts what a form holds (lines of text, checkbox
 * maps) and yields the stored shape, so the form and main give the same messages.
 */

/** Lines of a textarea, or a list: each non-blank line is one item. */
function linesSchema(max: number, itemMax: number, label: string) {
  return z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter(Boolean)
        : v,
    z
      .array(
        withoutControlCharacters(
          z
            .string()
            .trim()
            .min(1)
            .max(itemMax, { error: `Each line of ${label} must be ${itemMax} characters or fewer` }),
          `A line of ${label}`,
        ),
      )
      .max(max, { error: `Use at most ${max} lines for ${label}` }),
  );
}

/** A whole number typed in a box; blank is null. */
function optionalNumber(label: string, min: number, max: number) {
  return z.preprocess(
    (v) =>
      v == null || (typeof v === 'string' && v.trim() === '') ? null : typeof v === 'string' ? Number(v.trim()) : v,
    z
      .number({ error: `${label} must be a number` })
      .refine((n) => Number.isFinite(n), { error: `${label} must be a number` })
      .min(min, { error: `${label} must be between ${min} and ${max}` })
      .max(max, { error: `${label} must be between ${min} and ${max}` })
      .nullable(),
  );
}

/**
 * A result that contradicts its own figures: a Fail at or over the pass mark, a Pass under it, or a
 * Pass with every graded domain failed. Usually a typing slip; now and then the college's letter
 * really says so (a pass mark adjusted after the sitting), so the form records it only when told to.
 */
export function unlikelyResult(attempt: {
  result: string;
  score: number | null;
  passMark: number | null;
  /** Graded domains only (SCA): a percentage exam's parts never read as failing grades. */
  gradedDomains?: readonly string[];
}): string | null {
  const { result, score, passMark, gradedDomains = [] } = attempt;
  if (score !== null && passMark !== null) {
    if (result === 'pass' && score < passMark)
      return `Pass recorded with a score of ${score}, under the pass mark of ${passMark}`;
    if (result === 'fail' && score >= passMark)
      return `Fail recorded with a score of ${score}, at or over the pass mark of ${passMark}`;
  }
  if (result === 'pass' && gradedDomains.length > 0 && gradedDomains.every((g) => FAILING_GRADES.includes(g)))
    return 'Pass recorded with every domain graded Fail or Clear Fail';
  return null;
}

export const RECORD_ANYWAY_HINT = 'Check the result letter. Tick “Record it anyway” if it really says this.';

export const attemptFieldsSchema = z
  .strictObject({
    examId: z.string({ error: 'Choose the exam' }).min(1, { error: 'Choose the exam' }),
    sittingDate: dateSchema('sitting date'),
    result: EXAM_RESULTS.schema('Choose the result'),
    score: optionalNumber('Score', 0, 1000),
    passMark: optionalNumber('Pass mark', 0, 1000),
    /** Blank means the paper's usual size (the AKT: 200 items, 160 from October 2025). */
    itemCount: optionalNumber('Number of items', 1, 1000),
    /** Component key → percentage text or grade; blanks are dropped. */
    components: z
      .record(
        withoutControlCharacters(z.string().max(60), 'A part of the exam'),
        withoutControlCharacters(z.string().trim().max(40), 'A part’s result'),
      )
      .default({})
      .transform((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== ''))),
    feedback: optionalText(4000, 'Feedback'),
    /** The person has seen that the result contradicts its figures and records it as the letter says. */
    recordAnyway: z.boolean().default(false),
  })
  .superRefine((a, ctx) => {
    const gradedDomains = Object.values(a.components).filter((v) => (DOMAIN_GRADES as readonly string[]).includes(v));
    const unlikely = unlikelyResult({ ...a, gradedDomains });
    if (unlikely && !a.recordAnyway)
      ctx.addIssue({ code: 'custom', path: ['recordAnyway'], message: `${unlikely}. ${RECORD_ANYWAY_HINT}` });
  });
export type AttemptFieldsInput = z.input<typeof attemptFieldsSchema>;
export type AttemptFields = z.output<typeof attemptFieldsSchema>;

const feedbackAreaSchema = z.strictObject({
  key: withoutControlCharacters(z.string().max(60), 'A feedback area'),
  label: withoutControlCharacters(z.string().max(200), 'A feedback area'),
  result: withoutControlCharacters(z.string().max(40), 'A feedback area’s result'),
  weakest: z.boolean(),
  note: optionalText(2000, 'Feedback note'),
});

/** Checkbox map from the form ({ knowledge: { selected, note } }) or the stored list. */
const factorsSchema = z.preprocess(
  (v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.entries(v as Record<string, { selected?: boolean; note?: string }>)
          .filter(([, f]) => f?.selected)
          .map(([factor, f]) => ({ factor, note: f.note ?? null }))
      : v,
  z
    .array(z.strictObject({ factor: CONTRIBUTING_FACTORS.schema(), note: optionalText(2000, 'Factor note') }))
    .max(CONTRIBUTING_FACTORS.values.length),
);

const supportOfferedSchema = z
  .array(z.strictObject({ label: requiredText(200, 'Describe the support offered', 'Support'), accepted: z.boolean() }))
  .max(12);

/** "1/3/2026; 15/4/2026" or a list. */
const dateListSchema = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(/[;,\n]/)
          .map((d) => d.trim())
          .filter(Boolean)
          .map((d) => parseUkDate(d) ?? d)
      : v,
  z
    .array(z.string().refine(isRealIsoDate, { error: 'Review dates must be real dates (dd/mm/yyyy, separated by ;)' }))
    .max(12),
);

export const postFailFieldsSchema = z.strictObject({
  heldOn: dateSchema('date of the conversation'),
  participants: requiredText(300, 'Enter who took part', 'Participants'),
  owner: optionalText(100, 'Followed up by'),
  traineeReflection: optionalText(4000, 'Reflection'),
  feedbackByArea: z.array(feedbackAreaSchema).max(20).default([]),
  contributingFactors: factorsSchema.default([]),
  supportTier: z.number().int().min(0).max(20),
  supportOffered: supportOfferedSchema.default([]),
  resitTargetDate: optionalDateSchema('target sitting date'),
  studyPlan: optionalText(4000, 'Study plan'),
  mocks: optionalText(2000, 'Mocks'),
  reviewDates: dateListSchema.default([]),
  agreedActions: linesSchema(20, 300, 'agreed actions').default([]),
  traineeAgreed: z.boolean().default(false),
  privateNote: optionalText(4000, 'Private note'),
});
export type PostFailFieldsInput = z.input<typeof postFailFieldsSchema>;
export type PostFailFields = z.output<typeof postFailFieldsSchema>;

export const readinessFieldsSchema = z.strictObject({
  examId: z.string({ error: 'Choose the exam' }).min(1, { error: 'Choose the exam' }),
  discussedOn: dateSchema('date of the discussion'),
  plannedSittingDate: optionalDateSchema('planned sitting date'),
  mockResults: optionalText(2000, 'Mock and practice results'),
  gaps: optionalText(2000, 'Curriculum or domain gaps'),
  consultationFeedback: optionalText(2000, 'Consultation feedback'),
  wellbeing: optionalText(2000, 'Wellbeing and circumstances'),
  traineeView: optionalText(2000, 'Trainee’s view'),
  educatorView: optionalText(2000, 'Educator’s view'),
  decision: READINESS_DECISIONS.schema('Choose a decision'),
  reasons: optionalText(2000, 'Reasons'),
  agreedActions: linesSchema(20, 300, 'agreed actions').default([]),
  privateNote: optionalText(4000, 'Private note'),
});
export type ReadinessFieldsInput = z.input<typeof readinessFieldsSchema>;
export type ReadinessFields = z.output<typeof readinessFieldsSchema>;

const componentSchema = z.strictObject({
  key: withoutControlCharacters(z.string().trim().min(1).max(60), 'A part’s key'),
  label: requiredText(120, 'Name each part of the exam', 'Part name', 'one'),
});

export const examDefinitionFieldsSchema = z.strictObject({
  code: z
    .string({ error: 'Enter a short code' })
    .trim()
    .min(1, { error: 'Enter a short code, like AKT' })
    .max(20, { error: 'The code must be 20 characters or fewer' })
    .refine((s) => controlCharacterIn(s) === null, { error: 'The code cannot hold control characters' })
    .transform((s) => s.toUpperCase()),
  name: requiredText(120, 'Enter the exam’s name', 'Name'),
  hasScore: z.boolean(),
  componentKind: z.enum(['percentage', 'grade', 'none']),
  /** One part per line in the form. */
  components: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter(Boolean)
            .map((label) => ({
              key:
                label
                  .toLowerCase()
                  .replace(/[^a-z0-9]+/g, '_')
                  .replace(/^_|_$/g, '') || 'part',
              label,
            }))
        : v,
    z.array(componentSchema).max(12, { error: 'Use at most 12 parts' }),
  ),
  earliestGrade: z.preprocess((v) => (v === '' ? null : v), z.enum(TRAINING_GRADES).nullable()),
  historic: z.boolean(),
  attemptGroup: z
    .string()
    .trim()
    .max(20)
    .refine((s) => controlCharacterIn(s) === null, { error: 'The group cannot hold control characters' })
    .transform((s) => s.toUpperCase()),
  bookingWeeksBefore: optionalNumber('Booking weeks before the sitting', 0, 52),
});
export type ExamDefinitionInput = z.input<typeof examDefinitionFieldsSchema>;

export const examRulesSchema = z.strictObject({
  attemptLimits: z
    .array(
      z.strictObject({
        label: requiredText(120, 'Name each rule', 'Rule name'),
        entryFrom: optionalDateSchema('entry date from'),
        entryTo: optionalDateSchema('entry date to'),
        standardAttempts: z.coerce
          .number({ error: 'Attempts must be a number' })
          .int()
          .min(1, { error: 'Allow at least 1 attempt' })
          .max(20),
        exceptionalAttempts: z.coerce.number({ error: 'Exceptional attempts must be a number' }).int().min(0).max(5),
      }),
    )
    .min(1, { error: 'Keep at least one attempt-limit rule' })
    .max(10),
  ladder: z
    .array(
      z.strictObject({
        failNumber: z.coerce.number().int().min(1).max(10),
        label: requiredText(120, 'Name each tier', 'Tier name'),
        support: linesSchema(8, 200, 'support offered'),
      }),
    )
    .min(1, { error: 'Keep at least one tier' })
    .max(10),
});
