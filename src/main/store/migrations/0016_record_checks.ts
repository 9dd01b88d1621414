import type { Kysely } from 'kysely';
import { addCheckConstraints, dateShape, inList, jsonShape, type CheckConstraint } from '../table-checks';

/**
 * CHECK constraints for what must never be wrong in a stored record: status and other enumeration
 * values, the shape of JSON columns (a list or an object), dates as yyyy-mm-dd, the GMC number's
 * seven digits. A bug anywhere else then fails loudly at the write instead of storing a row the app
 * cannot read. The forms' fuller rules (lengths, cross-field rules, the calendar) are the app's gate
 * (services/record-rules); these are its backstop. Every expression is plain SQL that PostgreSQL
 * accepts as written. Frozen once released: values are written out here, not imported, so a list
 * that grows later comes with its own migration.
 */

const TRAINEE_STATUSES = [
  'in_programme',
  'out_of_programme',
  'parental_leave',
  'sick_leave',
  'extension',
  'completed',
  'left',
];
const GRADES = ['ST1', 'ST2', 'ST3', 'ST4', 'ST5', 'ST6', 'ST7', 'ST8', 'CT1', 'CT2', 'CT3', 'F1', 'F2'];
const MEETING_TYPES = ['induction', 'pastoral', 'plp_review', 'readiness_to_sit', 'post_fail', 'arcp_prep', 'other'];
const MEETING_MODES = ['in_person', 'video', 'phone'];
const WELLBEING = ['good', 'okay', 'struggling'];
const ACTION_OWNERS = ['trainee', 'tpd', 'es', 'other'];
const GOAL_STATUSES = ['not_started', 'in_progress', 'achieved', 'stopped'];
const SCREENING = ['not_discussed', 'offered', 'accepted', 'declined', 'completed'];
const SUPPORT_STATUSES = ['offered', 'accepted', 'declined', 'attended', 'completed'];
const SUPPORT_SOURCES = ['manual', 'plp', 'post_fail', 'readiness'];
const SUPPORT_CATEGORIES = ['induction', 'exam', 'pastoral', 'communication', 'wellbeing', 'other'];
const EXAM_RESULTS = ['pass', 'fail', 'withdrawn', 'void', 'awaiting'];
const ATTEMPT_SOURCES = ['manual', 'import', 'post_fail', 'demo'];
const READINESS_DECISIONS = ['ready', 'not_yet', 'defer'];
const EXTENSION_KINDS = ['standard', 'exceptional'];
const COMPONENT_KINDS = ['percentage', 'grade', 'none'];
const CHARACTERISTICS: Record<string, string[]> = {
  primaryQualification: ['uk_graduate', 'eea_graduate', 'international_graduate'],
  entryRoute: [
    'standard_recruitment',
    'return_to_training',
    'inter_deanery_transfer',
    'change_of_specialty',
    'another_route',
  ],
  lessThanFullTime: ['less_than_full_time', 'full_time'],
};

const flag = (column: string) => inList(column, [0, 1]);

export const RECORD_CHECKS: Record<string, CheckConstraint[]> = {
  trainees: [
    // Seven digits: as long as seven, and nothing left once digits are trimmed from both ends.
    ['trainees_gmc_number_seven_digits', `length(gmc_number) = 7 AND trim(gmc_number, '0123456789') = ''`],
    ['trainees_status_known', inList('status', TRAINEE_STATUSES)],
    ['trainees_grade_known', inList('grade', GRADES)],
    ['trainees_wte_in_range', 'wte > 0 AND wte <= 1'],
    ['trainees_tags_json_list', jsonShape('tags', 'list')],
    ['trainees_programme_start_date_shape', dateShape('programme_start_date')],
    ['trainees_expected_cct_date_shape', dateShape('expected_cct_date', true)],
    ['trainees_left_training_on_shape', dateShape('left_training_on', true)],
  ],
  meetings: [
    ['meetings_mode_known', inList('mode', MEETING_MODES)],
    ['meetings_meeting_type_known', inList('meeting_type', MEETING_TYPES)],
    ['meetings_wellbeing_known', `wellbeing IS NULL OR ${inList('wellbeing', WELLBEING)}`],
    ['meetings_attendees_json_list', jsonShape('attendees', 'list')],
    ['meetings_held_on_shape', dateShape('held_on')],
    ['meetings_next_due_on_shape', dateShape('next_due_on', true)],
  ],
  meeting_actions: [
    ['meeting_actions_owner_known', inList('owner', ACTION_OWNERS)],
    ['meeting_actions_due_on_shape', dateShape('due_on')],
    ['meeting_actions_done_on_shape', dateShape('done_on', true)],
  ],
  plp_goals: [['plp_goals_status_known', inList('status', GOAL_STATUSES)]],
  plp_reviews: [
    ['plp_reviews_status_after_known', inList('status_after', GOAL_STATUSES)],
    ['plp_reviews_reviewed_on_shape', dateShape('reviewed_on')],
  ],
  early_needs: [
    ['early_needs_screening_known', inList('neurodiversity_screening', SCREENING)],
    ['early_needs_practical_needs_json_list', jsonShape('practical_needs', 'list')],
    ['early_needs_retain_until_shape', dateShape('retain_until')],
  ],
  support_items: [
    ['support_items_status_known', inList('status', SUPPORT_STATUSES)],
    ['support_items_source_known', inList('source', SUPPORT_SOURCES)],
    ['support_items_offered_on_shape', dateShape('offered_on')],
  ],
  support_catalogue: [
    ['support_catalogue_category_known', inList('category', SUPPORT_CATEGORIES)],
    ['support_catalogue_active_flag', flag('active')],
  ],
  exam_definitions: [
    ['exam_definitions_component_kind_known', inList('component_kind', COMPONENT_KINDS)],
    ['exam_definitions_components_json_list', jsonShape('components', 'list')],
    ['exam_definitions_has_score_flag', flag('has_score')],
    ['exam_definitions_historic_flag', flag('historic')],
    ['exam_definitions_built_in_flag', flag('built_in')],
  ],
  exam_attempts: [
    ['exam_attempts_result_known', inList('result', EXAM_RESULTS)],
    ['exam_attempts_source_known', inList('source', ATTEMPT_SOURCES)],
    ['exam_attempts_components_json_object', jsonShape('components', 'object')],
    ['exam_attempts_sitting_date_shape', dateShape('sitting_date')],
  ],
  exam_readiness: [
    ['exam_readiness_decision_known', inList('decision', READINESS_DECISIONS)],
    ['exam_readiness_agreed_actions_json_list', jsonShape('agreed_actions', 'list')],
  ],
  exam_post_fail: [
    ['exam_post_fail_feedback_json_list', jsonShape('feedback_by_area', 'list')],
    ['exam_post_fail_factors_json_list', jsonShape('contributing_factors', 'list')],
    ['exam_post_fail_support_offered_json_list', jsonShape('support_offered', 'list')],
    ['exam_post_fail_support_items_json_list', jsonShape('support_item_ids', 'list')],
    ['exam_post_fail_review_dates_json_list', jsonShape('review_dates', 'list')],
    ['exam_post_fail_agreed_actions_json_list', jsonShape('agreed_actions', 'list')],
    ['exam_post_fail_trainee_agreed_flag', flag('trainee_agreed')],
  ],
  exam_extensions: [
    ['exam_extensions_kind_known', inList('kind', EXTENSION_KINDS)],
    [
      'exam_extensions_dates_in_order',
      `${dateShape('starts_on')} AND ${dateShape('ends_on')} AND starts_on <= ends_on`,
    ],
  ],
  arcp_records: [
    ['arcp_records_reason_codes_json_list', jsonShape('reason_codes', 'list')],
    ['arcp_records_evidence_counts_json_object', jsonShape('evidence_counts', 'object')],
    ['arcp_records_wte_in_range', 'wte > 0 AND wte <= 1'],
    ['arcp_records_posts_at_least_one', 'posts >= 1'],
    ['arcp_records_panel_date_shape', dateShape('panel_date')],
  ],
  evidence_templates: [['evidence_templates_items_json_list', jsonShape('items', 'list')]],
  evaluation_characteristics: [
    [
      'evaluation_characteristics_value_known',
      Object.entries(CHARACTERISTICS)
        .map(([field, values]) => `(field = '${field}' AND ${inList('value', values)})`)
        .join(' OR '),
    ],
  ],
};

export async function up(db: Kysely<any>): Promise<void> {
  await addCheckConstraints(db, RECORD_CHECKS);
}
