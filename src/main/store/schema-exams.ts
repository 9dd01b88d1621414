/** Row types of the exam tables (migration 0003). JSON columns hold lists as text. */
export interface ExamDefinitionsTable {
  id: string;
  code: string;
  name: string;
  has_score: number;
  component_kind: string;
  /** JSON: [{ key, label }]. */
  components: string;
  earliest_grade: string | null;
  historic: number;
  attempt_group: string;
  booking_weeks_before: number | null;
  built_in: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface ExamRulesTable {
  key: string;
  /** JSON document. */
  value: string;
  updated_at: string;
}

export interface ExamAttemptsTable {
  id: string;
  trainee_id: string;
  exam_id: string;
  sitting_date: string;
  result: string;
  score: number | null;
  pass_mark: number | null;
  /** Items in the paper this attempt was scored on (migration 0008); the AKT's changed in October 2025. */
  item_count: number | null;
  /** JSON: { componentKey: "63" | "Fail" }. */
  components: string;
  feedback: string | null;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface ExamReadinessTable {
  id: string;
  trainee_id: string;
  exam_id: string;
  discussed_on: string;
  planned_sitting_date: string | null;
  mock_results: string | null;
  gaps: string | null;
  consultation_feedback: string | null;
  wellbeing: string | null;
  trainee_view: string | null;
  educator_view: string | null;
  decision: string;
  reasons: string | null;
  agreed_actions: string;
  private_note: string | null;
  created_at: string;
  updated_at: string;
}

export interface ExamPostFailTable {
  id: string;
  trainee_id: string;
  attempt_id: string;
  held_on: string;
  participants: string;
  owner: string | null;
  trainee_reflection: string | null;
  feedback_by_area: string;
  contributing_factors: string;
  support_tier: number;
  support_tier_label: string | null;
  support_offered: string;
  support_item_ids: string;
  resit_target_date: string | null;
  study_plan: string | null;
  mocks: string | null;
  review_dates: string;
  agreed_actions: string;
  trainee_agreed: number;
  private_note: string | null;
  created_at: string;
  updated_at: string;
}

/** Extension periods of training (migration 0012); `kind` is 'standard' or 'exceptional'. */
export interface ExamExtensionsTable {
  id: string;
  trainee_id: string;
  kind: string;
  starts_on: string;
  ends_on: string;
  reason: string;
  created_at: string;
  updated_at: string;
}

export interface ExamTables {
  exam_definitions: ExamDefinitionsTable;
  exam_rules: ExamRulesTable;
  exam_attempts: ExamAttemptsTable;
  exam_readiness: ExamReadinessTable;
  exam_post_fail: ExamPostFailTable;
  exam_extensions: ExamExtensionsTable;
}
