import { z } from 'zod';
import type { DB } from '../../store/schema';

/**
 * The plaintext inside a handover envelope: versioned JSON of the chosen trainees' rows, column for
 * column as the store has them (so ids and dates survive the trip). Read back with strict schemas
 * built from the column lists below, which the compiler checks against the row types: a column
 * added to a table must be added here too. A payload version above HANDOVER_PAYLOAD_VERSION is
 * refused as "made by a newer version"; an older one, once there is one, is upgraded on reading.
 */
export const HANDOVER_PAYLOAD_VERSION = 1;

/** `private` columns are left out of the file unless the sender ticked "Include my private notes". */
type Kind = 'text' | 'text?' | 'int' | 'int?' | 'real' | 'private' | 'private?';
type Columns<T extends keyof DB> = { [K in keyof DB[T]]-?: Kind };

const MAX_TEXT = 200_000;
const zodFor: Record<Kind, z.ZodType> = {
  text: z.string().max(MAX_TEXT),
  'text?': z.string().max(MAX_TEXT).nullable(),
  int: z.number().int(),
  'int?': z.number().int().nullable(),
  real: z.number(),
  private: z.string().max(MAX_TEXT).optional(),
  'private?': z.string().max(MAX_TEXT).nullable().optional(),
};

const traineeColumns = {
  id: 'text',
  gmc_number: 'text',
  given_name: 'text',
  family_name: 'text',
  preferred_name: 'text?',
  pronouns: 'text?',
  email: 'text?',
  programme: 'text',
  grade: 'text',
  programme_start_date: 'text',
  expected_cct_date: 'text?',
  wte: 'real',
  status: 'text',
  educational_supervisor: 'text?',
  current_post: 'text?',
  tags: 'text',
  created_at: 'text',
  updated_at: 'text',
  archived_at: 'text?',
} satisfies Columns<'trainees'>;

/** Tables of one trainee's records, in the order they are written (parents before children). */
export const RECORD_TABLES = {
  meetings: {
    id: 'text',
    trainee_id: 'text',
    held_on: 'text',
    start_time: 'text?',
    duration_minutes: 'int?',
    mode: 'text',
    meeting_type: 'text',
    attendees: 'text',
    shared_summary: 'text',
    private_notes: 'private',
    wellbeing: 'text?',
    wellbeing_note: 'text?',
    next_due_on: 'text?',
    created_at: 'text',
    updated_at: 'text',
    deleted_at: 'text?',
  } satisfies Columns<'meetings'>,
  meeting_actions: {
    id: 'text',
    meeting_id: 'text',
    trainee_id: 'text',
    description: 'text',
    owner: 'text',
    due_on: 'text',
    done_on: 'text?',
    sort_order: 'int',
    created_at: 'text',
    updated_at: 'text',
  } satisfies Columns<'meeting_actions'>,
  plp_goals: {
    id: 'text',
    trainee_id: 'text',
    title: 'text',
    area: 'text',
    success_criteria: 'text?',
    target_on: 'text?',
    next_review_on: 'text?',
    status: 'text',
    source_need_id: 'text?',
    created_at: 'text',
    updated_at: 'text',
    deleted_at: 'text?',
  } satisfies Columns<'plp_goals'>,
  plp_reviews: {
    id: 'text',
    goal_id: 'text',
    reviewed_on: 'text',
    note: 'text',
    status_after: 'text',
    created_at: 'text',
  } satisfies Columns<'plp_reviews'>,
  meeting_goals: { meeting_id: 'text', goal_id: 'text' } satisfies Columns<'meeting_goals'>,
  early_needs: {
    trainee_id: 'text',
    completed_on: 'text?',
    previous_experience: 'text?',
    nhs_familiarity: 'text?',
    learning_preferences: 'text?',
    communication_language: 'text?',
    practical_needs: 'text',
    practical_notes: 'text?',
    wellbeing: 'text?',
    reasonable_adjustments: 'text?',
    neurodiversity_screening: 'text',
    neurodiversity_screening_on: 'text?',
    consent_share_with: 'text?',
    consent_scope: 'text?',
    consent_given_on: 'text?',
    referrals: 'text?',
    retain_until: 'text',
    created_at: 'text',
    updated_at: 'text',
  } satisfies Columns<'early_needs'>,
  identified_needs: {
    id: 'text',
    trainee_id: 'text',
    area: 'text',
    description: 'text',
    goal_id: 'text?',
    created_at: 'text',
  } satisfies Columns<'identified_needs'>,
  support_items: {
    id: 'text',
    trainee_id: 'text',
    catalogue_id: 'text?',
    label: 'text',
    source: 'text',
    source_id: 'text?',
    goal_id: 'text?',
    status: 'text',
    offered_on: 'text',
    accepted_on: 'text?',
    declined_on: 'text?',
    attended_on: 'text?',
    completed_on: 'text?',
    outcome: 'text?',
    note: 'text?',
    follow_up_on: 'text?',
    created_at: 'text',
    updated_at: 'text',
    deleted_at: 'text?',
  } satisfies Columns<'support_items'>,
  meeting_cadence: { trainee_id: 'text', weeks: 'int', updated_at: 'text' } satisfies Columns<'meeting_cadence'>,
  exam_attempts: {
    id: 'text',
    trainee_id: 'text',
    exam_id: 'text',
    sitting_date: 'text',
    result: 'text',
    score: 'int?',
    pass_mark: 'int?',
    item_count: 'int?',
    components: 'text',
    feedback: 'text?',
    source: 'text',
    created_at: 'text',
    updated_at: 'text',
  } satisfies Columns<'exam_attempts'>,
  exam_readiness: {
    id: 'text',
    trainee_id: 'text',
    exam_id: 'text',
    discussed_on: 'text',
    planned_sitting_date: 'text?',
    mock_results: 'text?',
    gaps: 'text?',
    consultation_feedback: 'text?',
    wellbeing: 'text?',
    trainee_view: 'text?',
    educator_view: 'text?',
    decision: 'text',
    reasons: 'text?',
    agreed_actions: 'text',
    private_note: 'private?',
    created_at: 'text',
    updated_at: 'text',
  } satisfies Columns<'exam_readiness'>,
  exam_post_fail: {
    id: 'text',
    trainee_id: 'text',
    attempt_id: 'text',
    held_on: 'text',
    participants: 'text',
    owner: 'text?',
    trainee_reflection: 'text?',
    feedback_by_area: 'text',
    contributing_factors: 'text',
    support_tier: 'int',
    support_tier_label: 'text?',
    support_offered: 'text',
    support_item_ids: 'text',
    resit_target_date: 'text?',
    study_plan: 'text?',
    mocks: 'text?',
    review_dates: 'text',
    agreed_actions: 'text',
    trainee_agreed: 'int',
    private_note: 'private?',
    created_at: 'text',
    updated_at: 'text',
  } satisfies Columns<'exam_post_fail'>,
  arcp_records: {
    id: 'text',
    trainee_id: 'text',
    panel_id: 'text?',
    template_id: 'text?',
    review_from: 'text',
    review_to: 'text',
    panel_date: 'text',
    grade: 'text',
    wte: 'real',
    posts: 'int',
    esr_interim_date: 'text?',
    esr_full_date: 'text?',
    outcome: 'text?',
    reason_codes: 'text',
    reason_detail: 'text?',
    evidence_due_date: 'text?',
    educator_summary: 'text?',
    evidence_counts: 'text',
    created_at: 'text',
    updated_at: 'text',
  } satisfies Columns<'arcp_records'>,
} as const;
export type RecordTable = keyof typeof RECORD_TABLES;
export const RECORD_TABLE_NAMES = Object.keys(RECORD_TABLES) as RecordTable[];

/** Reference rows the records point at (foreign keys), added on the receiving side when missing. */
export const REFERENCE_TABLES = {
  exam_definitions: {
    id: 'text',
    code: 'text',
    name: 'text',
    has_score: 'int',
    component_kind: 'text',
    components: 'text',
    earliest_grade: 'text?',
    historic: 'int',
    attempt_group: 'text',
    booking_weeks_before: 'int?',
    built_in: 'int',
    sort_order: 'int',
    created_at: 'text',
    updated_at: 'text',
    archived_at: 'text?',
  } satisfies Columns<'exam_definitions'>,
  arcp_panels: {
    id: 'text',
    name: 'text',
    panel_date: 'text',
    created_at: 'text',
    updated_at: 'text',
  } satisfies Columns<'arcp_panels'>,
  evidence_templates: {
    id: 'text',
    name: 'text',
    specialty: 'text',
    grade: 'text',
    items: 'text',
    created_at: 'text',
    updated_at: 'text',
  } satisfies Columns<'evidence_templates'>,
} as const;
export type ReferenceTable = keyof typeof REFERENCE_TABLES;

/** The columns of `table` the sender may leave out. */
export function privateColumns(columns: Record<string, Kind>): string[] {
  return Object.entries(columns)
    .filter(([, kind]) => kind === 'private' || kind === 'private?')
    .map(([name]) => name);
}

function rowSchema(columns: Record<string, Kind>) {
  return z.strictObject(Object.fromEntries(Object.entries(columns).map(([name, kind]) => [name, zodFor[kind]])));
}

const MAX_ROWS = 100_000;
const rowsOf = (columns: Record<string, Kind>) => z.array(rowSchema(columns)).max(MAX_ROWS);

export const handoverPayloadSchema = z.strictObject({
  payloadVersion: z.literal(HANDOVER_PAYLOAD_VERSION),
  appVersion: z.string().max(100),
  madeAt: z.string().max(40),
  fromName: z.string().min(1).max(100),
  includesPrivateNotes: z.boolean(),
  trainees: z.array(rowSchema(traineeColumns)).min(1).max(10_000),
  records: z.strictObject(
    Object.fromEntries(RECORD_TABLE_NAMES.map((table) => [table, rowsOf(RECORD_TABLES[table])])) as Record<
      RecordTable,
      ReturnType<typeof rowsOf>
    >,
  ),
  references: z.strictObject(
    Object.fromEntries(
      (Object.keys(REFERENCE_TABLES) as ReferenceTable[]).map((table) => [table, rowsOf(REFERENCE_TABLES[table])]),
    ) as Record<ReferenceTable, ReturnType<typeof rowsOf>>,
  ),
});

export type Row = Record<string, string | number | null | undefined>;
export interface HandoverPayload {
  payloadVersion: number;
  appVersion: string;
  madeAt: string;
  fromName: string;
  includesPrivateNotes: boolean;
  trainees: Row[];
  records: Record<RecordTable, Row[]>;
  references: Record<ReferenceTable, Row[]>;
}

/** Only the version, read first so a newer payload gets its own message rather than "damaged". */
export const payloadVersionSchema = z.object({ payloadVersion: z.number().int().min(1) });
export { traineeColumns as TRAINEE_COLUMNS };
