import { z } from 'zod';
import { isRealIsoDate } from '../../../shared/dates';
import { arcpRecordFieldsSchema, evidenceCountsSchema, templateFieldsSchema } from '../../../shared/arcp';
import { CHARACTERISTICS, CHARACTERISTIC_FIELDS } from '../../../shared/evaluation';
import {
  attemptFieldsSchema,
  examDefinitionFieldsSchema,
  extensionFieldsSchema,
  postFailFieldsSchema,
  readinessFieldsSchema,
} from '../../../shared/exams';
import {
  cadenceSchema,
  meetingActionSchema,
  meetingFieldsSchema,
  meetingTemplateSchema,
} from '../../../shared/meetings';
import { earlyNeedsFieldsSchema, identifiedNeedSchema } from '../../../shared/needs';
import { goalFieldsSchema, goalReviewSchema } from '../../../shared/plp';
import { idSchema } from '../../../shared/schema-helpers';
import {
  SUPPORT_SOURCES,
  SUPPORT_STATUSES,
  supportCatalogueEntrySchema,
  type SupportStatus,
} from '../../../shared/support';
import { controlCharacterIn, optionalText, requiredText } from '../../../shared/text';
import { traineeFieldsSchema } from '../../../shared/trainees';
import type { DB } from '../../store/schema';

/** One stored row, column for column, as a handover carries it or the database holds it. */
export type StoredRow = Record<string, unknown>;

/** One thing wrong with a row: the column it is in, and what is wrong, in words. */
export interface RowIssue {
  column: string;
  /** Completes "status “bogus” …": either "is not one of …" or ": <the form's message>". */
  problem: string;
}

export interface RuleContext {
  /**
   * Today in the UK, for the rules a form applies against the calendar (no exam sat in the future).
   * Null where rows were valid when written and only their shape can be judged now (a restored backup).
   */
  today: string | null;
}

/**
 * How a column is checked before the form's rules see the row. JSON columns are parsed here and
 * handed to the form parsed; a column the form checks itself is `form`.
 */
type ColumnKind =
  'id' | 'id?' | 'date' | 'date?' | 'instant' | 'instant?' | 'flag' | 'json-list' | 'json-map' | 'count' | 'form';

interface TableRule<T extends keyof DB> {
  /** What a person calls one row: "Trainee 3: …". */
  label: string;
  columns: { [C in keyof DB[T]]-?: ColumnKind };
  /** The form's schema (its field rules and cross-field rules) and the row as the form's input. */
  form?: {
    schema: z.ZodType;
    input(row: StoredRow): Record<string, unknown>;
    /** Form field → the column it comes from, to name the column in a message. */
    columnOf: Record<string, string>;
  };
  /** Rules the form applies outside its schema (against other rows, or the calendar). */
  extra?(row: StoredRow, context: RuleContext): RowIssue[];
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** A JSON column, parsed; undefined when it is not JSON of the expected shape (reported by `shapeIssues`). */
export function parsedJson(value: unknown, shape: 'list' | 'map'): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (shape === 'list' ? !Array.isArray(parsed) : !isPlainObject(parsed)) return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const nullable = (kind: ColumnKind) => kind.endsWith('?');

/** Checks each column's own shape; returns the issues and the columns that failed (the form then skips them). */
function shapeIssues(row: StoredRow, columns: Record<string, ColumnKind>): RowIssue[] {
  const issues: RowIssue[] = [];
  for (const [column, kind] of Object.entries(columns)) {
    const value = row[column];
    if (kind === 'form') continue;
    if (value === null || value === undefined) {
      if (!nullable(kind)) issues.push({ column, problem: ' is missing' });
      continue;
    }
    switch (kind.replace('?', '')) {
      case 'id':
        // idSchema's rule, written out: this runs for every id of every row a restore or handover carries.
        if (typeof value !== 'string' || value.length < 1 || value.length > 64 || controlCharacterIn(value) !== null)
          issues.push({ column, problem: ': not an id the app makes' });
        break;
      case 'date':
        if (typeof value !== 'string' || !isRealIsoDate(value))
          issues.push({ column, problem: ': not a real date (yyyy-mm-dd)' });
        break;
      case 'instant':
        if (typeof value !== 'string' || !ISO_INSTANT.test(value))
          issues.push({ column, problem: ': not a date and time (ISO 8601)' });
        break;
      case 'flag':
        if (value !== 0 && value !== 1) issues.push({ column, problem: ' is not one of 0, 1' });
        break;
      case 'count':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1_000_000)
          issues.push({ column, problem: ': not a whole number from 0' });
        break;
      case 'json-list':
        if (parsedJson(value, 'list') === undefined)
          issues.push({ column, problem: ' is not valid JSON (a list was expected)' });
        break;
      case 'json-map':
        if (parsedJson(value, 'map') === undefined)
          issues.push({ column, problem: ' is not valid JSON (an object was expected)' });
        break;
    }
  }
  return issues;
}

/** A zod issue as a row issue: enumerations list their values; other rules keep the form's own message. */
function formIssue(issue: z.core.$ZodIssue, columnOf: Record<string, string>): RowIssue {
  const field = String(issue.path[0] ?? '');
  const column = columnOf[field] ?? field;
  if (issue.code === 'invalid_value' && issue.values.length > 1)
    return { column, problem: ` is not one of ${issue.values.map(String).join(', ')}` };
  if (issue.code === 'unrecognized_keys') return { column, problem: `: ${issue.message}` };
  return { column, problem: `: ${issue.message}` };
}

const flag = (value: unknown) => (value === 1 ? true : value === 0 ? false : value);

/** A string the row holds, or undefined (the shape check has already said why). */
const jsonList = (value: unknown) => parsedJson(value, 'list');
const jsonMap = (value: unknown) => parsedJson(value, 'map');

function columnsFrom(mapping: Record<string, string>): Record<string, string> {
  return mapping;
}

const supportItemSchema = z.strictObject({
  label: requiredText(200, 'Describe the support', 'The support'),
  status: SUPPORT_STATUSES.schema(),
  source: z.enum(SUPPORT_SOURCES),
  outcome: optionalText(5000, 'The outcome'),
  note: optionalText(5000, 'The note'),
});

const panelSchema = z.strictObject({
  name: requiredText(120, 'Enter a name for the panel', 'Panel name'),
});

const STEP_DATES: Array<[column: string, status: SupportStatus]> = [
  ['accepted_on', 'accepted'],
  ['declined_on', 'declined'],
  ['attended_on', 'attended'],
  ['completed_on', 'completed'],
];

/**
 * Every row type a handover or a backup can carry, with the rules the app's forms apply to it.
 * The compiler checks each column list against the table's row type, so a column added to a
 * table must be given its rule here.
 */
export const TABLE_RULES = {
  trainees: {
    label: 'Trainee',
    columns: {
      id: 'id',
      gmc_number: 'form',
      given_name: 'form',
      family_name: 'form',
      preferred_name: 'form',
      pronouns: 'form',
      email: 'form',
      programme: 'form',
      grade: 'form',
      programme_start_date: 'date',
      expected_cct_date: 'date?',
      left_training_on: 'date?',
      wte: 'form',
      status: 'form',
      educational_supervisor: 'form',
      current_post: 'form',
      tags: 'json-list',
      created_at: 'instant',
      updated_at: 'instant',
      archived_at: 'instant?',
    },
    form: {
      schema: traineeFieldsSchema,
      input: (r) => ({
        givenName: r.given_name,
        familyName: r.family_name,
        preferredName: r.preferred_name,
        pronouns: r.pronouns,
        // The form takes "700 0001"; a stored number has no spaces (and a number is not text).
        gmcNumber: typeof r.gmc_number === 'string' && /\s/.test(r.gmc_number) ? 'not stored plainly' : r.gmc_number,
        email: r.email,
        programme: r.programme,
        grade: r.grade,
        programmeStartDate: r.programme_start_date,
        expectedCctDate: r.expected_cct_date,
        wte: typeof r.wte === 'number' ? r.wte : Number.NaN,
        status: r.status,
        leftTrainingOn: r.left_training_on,
        educationalSupervisor: r.educational_supervisor,
        currentPost: r.current_post,
        tags: jsonList(r.tags) ?? [],
      }),
      columnOf: columnsFrom({
        givenName: 'given_name',
        familyName: 'family_name',
        preferredName: 'preferred_name',
        pronouns: 'pronouns',
        gmcNumber: 'gmc_number',
        email: 'email',
        programme: 'programme',
        grade: 'grade',
        programmeStartDate: 'programme_start_date',
        expectedCctDate: 'expected_cct_date',
        wte: 'wte',
        status: 'status',
        leftTrainingOn: 'left_training_on',
        educationalSupervisor: 'educational_supervisor',
        currentPost: 'current_post',
        tags: 'tags',
      }),
    },
  },
  meetings: {
    label: '1:1',
    columns: {
      id: 'id',
      trainee_id: 'id',
      held_on: 'date',
      start_time: 'form',
      duration_minutes: 'form',
      mode: 'form',
      meeting_type: 'form',
      attendees: 'json-list',
      shared_summary: 'form',
      private_notes: 'form',
      wellbeing: 'form',
      wellbeing_note: 'form',
      next_due_on: 'date?',
      created_at: 'instant',
      updated_at: 'instant',
      deleted_at: 'instant?',
    },
    form: {
      schema: meetingFieldsSchema,
      input: (r) => ({
        traineeId: r.trainee_id,
        heldOn: r.held_on,
        startTime: r.start_time,
        durationMinutes: r.duration_minutes,
        mode: r.mode,
        meetingType: r.meeting_type,
        attendees: jsonList(r.attendees) ?? [],
        // A handover without private notes carries none: blank, as the form would send it.
        sharedSummary: r.shared_summary,
        privateNotes: r.private_notes ?? '',
        wellbeing: r.wellbeing,
        wellbeingNote: r.wellbeing_note,
        nextDueOn: r.next_due_on,
      }),
      columnOf: columnsFrom({
        traineeId: 'trainee_id',
        heldOn: 'held_on',
        startTime: 'start_time',
        durationMinutes: 'duration_minutes',
        mode: 'mode',
        meetingType: 'meeting_type',
        attendees: 'attendees',
        sharedSummary: 'shared_summary',
        privateNotes: 'private_notes',
        wellbeing: 'wellbeing',
        wellbeingNote: 'wellbeing_note',
        nextDueOn: 'next_due_on',
      }),
    },
  },
  meeting_actions: {
    label: 'Action',
    columns: {
      id: 'id',
      meeting_id: 'id',
      trainee_id: 'id',
      description: 'form',
      owner: 'form',
      due_on: 'date',
      done_on: 'date?',
      sort_order: 'count',
      created_at: 'instant',
      updated_at: 'instant',
    },
    form: {
      schema: meetingActionSchema,
      input: (r) => ({ id: r.id, description: r.description, owner: r.owner, dueOn: r.due_on }),
      columnOf: columnsFrom({ description: 'description', owner: 'owner', dueOn: 'due_on' }),
    },
  },
  plp_goals: {
    label: 'PLP goal',
    columns: {
      id: 'id',
      trainee_id: 'id',
      title: 'form',
      area: 'form',
      success_criteria: 'form',
      target_on: 'date?',
      next_review_on: 'date?',
      status: 'form',
      source_need_id: 'id?',
      created_at: 'instant',
      updated_at: 'instant',
      deleted_at: 'instant?',
    },
    form: {
      schema: goalFieldsSchema,
      input: (r) => ({
        traineeId: r.trainee_id,
        title: r.title,
        area: r.area,
        successCriteria: r.success_criteria,
        targetOn: r.target_on,
        nextReviewOn: r.next_review_on,
        status: r.status,
      }),
      columnOf: columnsFrom({
        title: 'title',
        area: 'area',
        successCriteria: 'success_criteria',
        targetOn: 'target_on',
        nextReviewOn: 'next_review_on',
        status: 'status',
      }),
    },
  },
  plp_reviews: {
    label: 'Goal review',
    columns: {
      id: 'id',
      goal_id: 'id',
      reviewed_on: 'date',
      note: 'form',
      status_after: 'form',
      created_at: 'instant',
    },
    form: {
      schema: goalReviewSchema,
      input: (r) => ({ goalId: r.goal_id, reviewedOn: r.reviewed_on, note: r.note, statusAfter: r.status_after }),
      columnOf: columnsFrom({ note: 'note', statusAfter: 'status_after' }),
    },
  },
  meeting_goals: {
    label: 'Link of a 1:1 to a goal',
    columns: { meeting_id: 'id', goal_id: 'id' },
  },
  early_needs: {
    label: 'Early needs form',
    columns: {
      trainee_id: 'id',
      completed_on: 'date?',
      previous_experience: 'form',
      nhs_familiarity: 'form',
      learning_preferences: 'form',
      communication_language: 'form',
      practical_needs: 'json-list',
      practical_notes: 'form',
      wellbeing: 'form',
      reasonable_adjustments: 'form',
      neurodiversity_screening: 'form',
      neurodiversity_screening_on: 'date?',
      consent_share_with: 'form',
      consent_scope: 'form',
      consent_given_on: 'date?',
      referrals: 'form',
      retain_until: 'date',
      created_at: 'instant',
      updated_at: 'instant',
    },
    form: {
      schema: earlyNeedsFieldsSchema,
      input: (r) => ({
        traineeId: r.trainee_id,
        completedOn: r.completed_on,
        previousExperience: r.previous_experience,
        nhsFamiliarity: r.nhs_familiarity,
        learningPreferences: r.learning_preferences,
        communicationLanguage: r.communication_language,
        practicalNeeds: jsonList(r.practical_needs) ?? [],
        practicalNotes: r.practical_notes,
        wellbeing: r.wellbeing,
        reasonableAdjustments: r.reasonable_adjustments,
        neurodiversityScreening: r.neurodiversity_screening,
        neurodiversityScreeningOn: r.neurodiversity_screening_on,
        consentShareWith: r.consent_share_with,
        consentScope: r.consent_scope,
        consentGivenOn: r.consent_given_on,
        referrals: r.referrals,
      }),
      columnOf: columnsFrom({
        completedOn: 'completed_on',
        previousExperience: 'previous_experience',
        nhsFamiliarity: 'nhs_familiarity',
        learningPreferences: 'learning_preferences',
        communicationLanguage: 'communication_language',
        practicalNeeds: 'practical_needs',
        practicalNotes: 'practical_notes',
        wellbeing: 'wellbeing',
        reasonableAdjustments: 'reasonable_adjustments',
        neurodiversityScreening: 'neurodiversity_screening',
        neurodiversityScreeningOn: 'neurodiversity_screening_on',
        consentShareWith: 'consent_share_with',
        consentScope: 'consent_scope',
        consentGivenOn: 'consent_given_on',
        referrals: 'referrals',
      }),
    },
  },
  identified_needs: {
    label: 'Need',
    columns: {
      id: 'id',
      trainee_id: 'id',
      area: 'form',
      description: 'form',
      goal_id: 'id?',
      created_at: 'instant',
    },
    form: {
      schema: identifiedNeedSchema,
      input: (r) => ({ traineeId: r.trainee_id, area: r.area, description: r.description }),
      columnOf: columnsFrom({ area: 'area', description: 'description' }),
    },
  },
  support_items: {
    label: 'Support item',
    columns: {
      id: 'id',
      trainee_id: 'id',
      catalogue_id: 'id?',
      label: 'form',
      source: 'form',
      source_id: 'id?',
      goal_id: 'id?',
      status: 'form',
      offered_on: 'date',
      accepted_on: 'date?',
      declined_on: 'date?',
      attended_on: 'date?',
      completed_on: 'date?',
      outcome: 'form',
      note: 'form',
      follow_up_on: 'date?',
      created_at: 'instant',
      updated_at: 'instant',
      deleted_at: 'instant?',
    },
    form: {
      schema: supportItemSchema,
      input: (r) => ({ label: r.label, status: r.status, source: r.source, outcome: r.outcome, note: r.note }),
      columnOf: columnsFrom({ label: 'label', status: 'status', source: 'source', outcome: 'outcome', note: 'note' }),
    },
    extra(r) {
      const issues: RowIssue[] = [];
      if (typeof r.offered_on !== 'string' || !isRealIsoDate(r.offered_on)) return issues;
      for (const [column, status] of STEP_DATES) {
        const on = r[column];
        if (typeof on !== 'string' || !isRealIsoDate(on)) continue;
        // The step rule of the support form: no step before the offer.
        if (on < r.offered_on) issues.push({ column, problem: `: the ${status} date cannot be before the offer` });
      }
      return issues;
    },
  },
  meeting_cadence: {
    label: '1:1 cadence',
    columns: { trainee_id: 'id', weeks: 'form', updated_at: 'instant' },
    form: {
      schema: cadenceSchema,
      input: (r) => ({ traineeId: r.trainee_id, weeks: typeof r.weeks === 'number' ? r.weeks : Number.NaN }),
      columnOf: columnsFrom({ weeks: 'weeks' }),
    },
  },
  exam_attempts: {
    label: 'Exam attempt',
    columns: {
      id: 'id',
      trainee_id: 'id',
      exam_id: 'id',
      sitting_date: 'date',
      result: 'form',
      score: 'form',
      pass_mark: 'form',
      item_count: 'form',
      components: 'json-map',
      feedback: 'form',
      source: 'form',
      created_at: 'instant',
      updated_at: 'instant',
    },
    form: {
      schema: attemptFieldsSchema.safeExtend({ source: z.enum(['manual', 'import', 'post_fail', 'demo']) }),
      input: (r) => ({
        examId: r.exam_id,
        sittingDate: r.sitting_date,
        result: r.result,
        score: typeof r.score === 'string' ? Number.NaN : r.score,
        passMark: typeof r.pass_mark === 'string' ? Number.NaN : r.pass_mark,
        itemCount: typeof r.item_count === 'string' ? Number.NaN : r.item_count,
        components: jsonMap(r.components) ?? {},
        feedback: r.feedback,
        // Recorded in the form with "Record it anyway" where it looked unlikely: the stored row is that decision.
        recordAnyway: true,
        source: r.source,
      }),
      columnOf: columnsFrom({
        examId: 'exam_id',
        sittingDate: 'sitting_date',
        result: 'result',
        score: 'score',
        passMark: 'pass_mark',
        itemCount: 'item_count',
        components: 'components',
        feedback: 'feedback',
        source: 'source',
      }),
    },
    extra(r, context) {
      const issues: RowIssue[] = [];
      const sitting = r.sitting_date;
      if (context.today && typeof sitting === 'string' && isRealIsoDate(sitting) && sitting > context.today)
        issues.push({ column: 'sitting_date', problem: ': an exam cannot have been sat in the future' });
      const items = typeof r.item_count === 'number' ? r.item_count : null;
      if (items !== null && typeof r.score === 'number' && r.score > items)
        issues.push({ column: 'score', problem: `: the score cannot be more than the ${items} items in the paper` });
      if (items !== null && typeof r.pass_mark === 'number' && r.pass_mark > items)
        issues.push({
          column: 'pass_mark',
          problem: `: the pass mark cannot be more than the ${items} items in the paper`,
        });
      return issues;
    },
  },
  exam_readiness: {
    label: 'Readiness discussion',
    columns: {
      id: 'id',
      trainee_id: 'id',
      exam_id: 'id',
      discussed_on: 'date',
      planned_sitting_date: 'date?',
      mock_results: 'form',
      gaps: 'form',
      consultation_feedback: 'form',
      wellbeing: 'form',
      trainee_view: 'form',
      educator_view: 'form',
      decision: 'form',
      reasons: 'form',
      agreed_actions: 'json-list',
      private_note: 'form',
      created_at: 'instant',
      updated_at: 'instant',
    },
    form: {
      schema: readinessFieldsSchema,
      input: (r) => ({
        examId: r.exam_id,
        discussedOn: r.discussed_on,
        plannedSittingDate: r.planned_sitting_date,
        mockResults: r.mock_results,
        gaps: r.gaps,
        consultationFeedback: r.consultation_feedback,
        wellbeing: r.wellbeing,
        traineeView: r.trainee_view,
        educatorView: r.educator_view,
        decision: r.decision,
        reasons: r.reasons,
        agreedActions: jsonList(r.agreed_actions) ?? [],
        privateNote: r.private_note ?? null,
      }),
      columnOf: columnsFrom({
        mockResults: 'mock_results',
        gaps: 'gaps',
        consultationFeedback: 'consultation_feedback',
        wellbeing: 'wellbeing',
        traineeView: 'trainee_view',
        educatorView: 'educator_view',
        decision: 'decision',
        reasons: 'reasons',
        agreedActions: 'agreed_actions',
        privateNote: 'private_note',
      }),
    },
  },
  exam_post_fail: {
    label: 'Post-fail conversation',
    columns: {
      id: 'id',
      trainee_id: 'id',
      attempt_id: 'id',
      held_on: 'date',
      participants: 'form',
      owner: 'form',
      trainee_reflection: 'form',
      feedback_by_area: 'json-list',
      contributing_factors: 'json-list',
      support_tier: 'form',
      support_tier_label: 'form',
      support_offered: 'json-list',
      support_item_ids: 'json-list',
      resit_target_date: 'date?',
      study_plan: 'form',
      mocks: 'form',
      review_dates: 'json-list',
      agreed_actions: 'json-list',
      trainee_agreed: 'flag',
      private_note: 'form',
      created_at: 'instant',
      updated_at: 'instant',
    },
    form: {
      schema: postFailFieldsSchema.extend({
        supportTierLabel: optionalText(120, 'The support tier', 'one'),
        /** The support items the conversation offered: each one's label then and its id. */
        supportItemIds: z
          .array(z.strictObject({ label: requiredText(200, 'Name the support', 'The support', 'one'), id: idSchema }))
          .max(12),
      }),
      input: (r) => ({
        heldOn: r.held_on,
        participants: r.participants,
        owner: r.owner,
        traineeReflection: r.trainee_reflection,
        feedbackByArea: jsonList(r.feedback_by_area) ?? [],
        contributingFactors: jsonList(r.contributing_factors) ?? [],
        supportTier: r.support_tier,
        supportTierLabel: r.support_tier_label,
        supportOffered: jsonList(r.support_offered) ?? [],
        supportItemIds: jsonList(r.support_item_ids) ?? [],
        resitTargetDate: r.resit_target_date,
        studyPlan: r.study_plan,
        mocks: r.mocks,
        reviewDates: jsonList(r.review_dates) ?? [],
        agreedActions: jsonList(r.agreed_actions) ?? [],
        traineeAgreed: flag(r.trainee_agreed),
        privateNote: r.private_note ?? null,
      }),
      columnOf: columnsFrom({
        heldOn: 'held_on',
        participants: 'participants',
        owner: 'owner',
        traineeReflection: 'trainee_reflection',
        feedbackByArea: 'feedback_by_area',
        contributingFactors: 'contributing_factors',
        supportTier: 'support_tier',
        supportTierLabel: 'support_tier_label',
        supportOffered: 'support_offered',
        supportItemIds: 'support_item_ids',
        resitTargetDate: 'resit_target_date',
        studyPlan: 'study_plan',
        mocks: 'mocks',
        reviewDates: 'review_dates',
        agreedActions: 'agreed_actions',
        traineeAgreed: 'trainee_agreed',
        privateNote: 'private_note',
      }),
    },
  },
  exam_extensions: {
    label: 'Extension',
    columns: {
      id: 'id',
      trainee_id: 'id',
      kind: 'form',
      starts_on: 'date',
      ends_on: 'date',
      reason: 'form',
      created_at: 'instant',
      updated_at: 'instant',
    },
    form: {
      schema: extensionFieldsSchema,
      input: (r) => ({ kind: r.kind, startsOn: r.starts_on, endsOn: r.ends_on, reason: r.reason }),
      columnOf: columnsFrom({ kind: 'kind', startsOn: 'starts_on', endsOn: 'ends_on', reason: 'reason' }),
    },
  },
  arcp_records: {
    label: 'ARCP record',
    columns: {
      id: 'id',
      trainee_id: 'id',
      panel_id: 'id?',
      template_id: 'id?',
      review_from: 'date',
      review_to: 'date',
      panel_date: 'date',
      grade: 'form',
      wte: 'form',
      posts: 'form',
      esr_interim_date: 'date?',
      esr_full_date: 'date?',
      outcome: 'form',
      reason_codes: 'json-list',
      reason_detail: 'form',
      evidence_due_date: 'date?',
      educator_summary: 'form',
      evidence_counts: 'json-map',
      created_at: 'instant',
      updated_at: 'instant',
    },
    form: {
      schema: arcpRecordFieldsSchema.safeExtend({ evidenceCounts: evidenceCountsSchema }),
      input: (r) => ({
        reviewFrom: r.review_from,
        reviewTo: r.review_to,
        panelDate: r.panel_date,
        grade: r.grade,
        wte: typeof r.wte === 'number' ? r.wte : Number.NaN,
        posts: typeof r.posts === 'number' ? r.posts : Number.NaN,
        esrInterimDate: r.esr_interim_date,
        esrFullDate: r.esr_full_date,
        outcome: r.outcome,
        reasonCodes: jsonList(r.reason_codes) ?? [],
        reasonDetail: r.reason_detail,
        evidenceDueDate: r.evidence_due_date,
        educatorSummary: r.educator_summary,
        templateId: r.template_id,
        evidenceCounts: jsonMap(r.evidence_counts) ?? {},
      }),
      columnOf: columnsFrom({
        reviewFrom: 'review_from',
        reviewTo: 'review_to',
        panelDate: 'panel_date',
        grade: 'grade',
        wte: 'wte',
        posts: 'posts',
        esrInterimDate: 'esr_interim_date',
        esrFullDate: 'esr_full_date',
        outcome: 'outcome',
        reasonCodes: 'reason_codes',
        reasonDetail: 'reason_detail',
        evidenceDueDate: 'evidence_due_date',
        educatorSummary: 'educator_summary',
        templateId: 'template_id',
        evidenceCounts: 'evidence_counts',
      }),
    },
  },
  exam_definitions: {
    label: 'Exam',
    columns: {
      id: 'id',
      code: 'form',
      name: 'form',
      has_score: 'flag',
      component_kind: 'form',
      components: 'json-list',
      earliest_grade: 'form',
      historic: 'flag',
      attempt_group: 'form',
      booking_weeks_before: 'form',
      built_in: 'flag',
      sort_order: 'count',
      created_at: 'instant',
      updated_at: 'instant',
      archived_at: 'instant?',
    },
    form: {
      schema: examDefinitionFieldsSchema,
      input: (r) => ({
        code: r.code,
        name: r.name,
        hasScore: flag(r.has_score),
        componentKind: r.component_kind,
        components: jsonList(r.components) ?? [],
        earliestGrade: r.earliest_grade,
        historic: flag(r.historic),
        attemptGroup: r.attempt_group,
        bookingWeeksBefore: r.booking_weeks_before,
      }),
      columnOf: columnsFrom({
        code: 'code',
        name: 'name',
        hasScore: 'has_score',
        componentKind: 'component_kind',
        components: 'components',
        earliestGrade: 'earliest_grade',
        historic: 'historic',
        attemptGroup: 'attempt_group',
        bookingWeeksBefore: 'booking_weeks_before',
      }),
    },
  },
  arcp_panels: {
    label: 'ARCP panel',
    columns: { id: 'id', name: 'form', panel_date: 'date', created_at: 'instant', updated_at: 'instant' },
    form: { schema: panelSchema, input: (r) => ({ name: r.name }), columnOf: { name: 'name' } },
  },
  evidence_templates: {
    label: 'Evidence template',
    columns: {
      id: 'id',
      name: 'form',
      specialty: 'form',
      grade: 'form',
      items: 'json-list',
      created_at: 'instant',
      updated_at: 'instant',
    },
    form: {
      schema: templateFieldsSchema,
      input: (r) => ({ name: r.name, specialty: r.specialty, grade: r.grade, items: jsonList(r.items) ?? [] }),
      columnOf: columnsFrom({ name: 'name', specialty: 'specialty', grade: 'grade', items: 'items' }),
    },
  },
  evaluation_characteristics: {
    label: 'Evaluation characteristic',
    columns: { trainee_id: 'id', field: 'form', value: 'form', agreed_on: 'date', updated_at: 'instant' },
    form: {
      schema: z
        .strictObject({ field: z.enum(CHARACTERISTIC_FIELDS), value: z.string().max(40) })
        .superRefine((v, ctx) => {
          const values = CHARACTERISTICS[v.field].values.values as readonly string[];
          if (!values.includes(v.value))
            ctx.addIssue({
              code: 'invalid_value',
              values: [...values],
              path: ['value'],
              input: v.value,
              message: 'Not one of the values',
            });
        }),
      input: (r) => ({ field: r.field, value: r.value }),
      columnOf: { field: 'field', value: 'value' },
    },
  },
  support_catalogue: {
    label: 'Support offer',
    columns: {
      id: 'id',
      label: 'form',
      category: 'form',
      follow_up_days: 'form',
      active: 'flag',
      sort_order: 'count',
      updated_at: 'instant',
    },
    form: {
      schema: supportCatalogueEntrySchema,
      input: (r) => ({
        id: r.id,
        label: r.label,
        category: r.category,
        followUpDays: typeof r.follow_up_days === 'number' ? r.follow_up_days : Number.NaN,
        active: flag(r.active),
      }),
      columnOf: columnsFrom({ label: 'label', category: 'category', followUpDays: 'follow_up_days', active: 'active' }),
    },
  },
  meeting_templates: {
    label: '1:1 template',
    columns: { meeting_type: 'form', label: 'form', prompts: 'form', sort_order: 'count', updated_at: 'instant' },
    form: {
      schema: meetingTemplateSchema.extend({ label: requiredText(200, 'Name the template', 'The template’s name') }),
      input: (r) => ({ meetingType: r.meeting_type, label: r.label, prompts: r.prompts }),
      columnOf: columnsFrom({ meetingType: 'meeting_type', label: 'label', prompts: 'prompts' }),
    },
  },
} satisfies { [T in keyof DB]?: TableRule<T> };

export type GatedTable = keyof typeof TABLE_RULES;
export const GATED_TABLES = Object.keys(TABLE_RULES) as GatedTable[];

/** What is wrong with one stored row of `table` by the app's rules; empty when nothing is. */
export function rowIssues(table: GatedTable, row: StoredRow, context: RuleContext): RowIssue[] {
  const rule: TableRule<GatedTable> = TABLE_RULES[table] as unknown as TableRule<GatedTable>;
  const columns = rule.columns as Record<string, ColumnKind>;
  const issues = shapeIssues(row, columns);
  for (const column of Object.keys(row))
    if (!(column in columns)) issues.push({ column, problem: ' is not a column of this record' });
  if (rule.form) {
    const broken = new Set(issues.map((i) => i.column));
    const parsed = rule.form.schema.safeParse(rule.form.input(row));
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const found = formIssue(issue, rule.form.columnOf);
        if (!broken.has(found.column)) issues.push(found);
        broken.add(found.column);
      }
  }
  if (rule.extra) issues.push(...rule.extra(row, context));
  return issues;
}
