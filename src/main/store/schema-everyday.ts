/**
 * Row types for the TPD's everyday work (migration 0002): 1:1 meetings, learning plans, early
 * needs, support, drafts, cadence, daily notifications and the search index.
 */
export interface MeetingTemplatesTable {
  meeting_type: string;
  label: string;
  prompts: string;
  sort_order: number;
  updated_at: string;
}

export interface MeetingsTable {
  id: string;
  trainee_id: string;
  held_on: string;
  /** `HH:mm`, UK wall-clock time. */
  start_time: string | null;
  duration_minutes: number | null;
  mode: string;
  meeting_type: string;
  /** JSON array of strings. */
  attendees: string;
  shared_summary: string;
  /** The TPD's alone: never read by any export or shared view. */
  private_notes: string;
  wellbeing: string | null;
  wellbeing_note: string | null;
  next_due_on: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface MeetingActionsTable {
  id: string;
  meeting_id: string;
  trainee_id: string;
  description: string;
  owner: string;
  due_on: string;
  done_on: string | null;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface MeetingGoalsTable {
  meeting_id: string;
  goal_id: string;
}

export interface PlpGoalsTable {
  id: string;
  trainee_id: string;
  title: string;
  area: string;
  success_criteria: string | null;
  target_on: string | null;
  next_review_on: string | null;
  status: string;
  source_need_id: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PlpReviewsTable {
  id: string;
  goal_id: string;
  reviewed_on: string;
  note: string;
  status_after: string;
  created_at: string;
}

export interface EarlyNeedsTable {
  trainee_id: string;
  completed_on: string | null;
  previous_experience: string | null;
  nhs_familiarity: string | null;
  learning_preferences: string | null;
  communication_language: string | null;
  /** JSON array of practical need keys. */
  practical_needs: string;
  practical_notes: string | null;
  wellbeing: string | null;
  reasonable_adjustments: string | null;
  neurodiversity_screening: string;
  neurodiversity_screening_on: string | null;
  consent_share_with: string | null;
  consent_scope: string | null;
  consent_given_on: string | null;
  referrals: string | null;
  retain_until: string;
  created_at: string;
  updated_at: string;
}

export interface IdentifiedNeedsTable {
  id: string;
  trainee_id: string;
  area: string;
  description: string;
  goal_id: string | null;
  created_at: string;
}

export interface SupportCatalogueTable {
  id: string;
  label: string;
  category: string;
  follow_up_days: number;
  active: number;
  sort_order: number;
  updated_at: string;
}

export interface SupportItemsTable {
  id: string;
  trainee_id: string;
  catalogue_id: string | null;
  label: string;
  source: string;
  source_id: string | null;
  goal_id: string | null;
  status: string;
  offered_on: string;
  accepted_on: string | null;
  declined_on: string | null;
  attended_on: string | null;
  completed_on: string | null;
  outcome: string | null;
  note: string | null;
  follow_up_on: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface MeetingCadenceTable {
  trainee_id: string;
  weeks: number;
  updated_at: string;
}

export interface DraftsTable {
  key: string;
  trainee_id: string | null;
  payload: string;
  updated_at: string;
}

export interface DailyNotificationsTable {
  notified_on: string;
  /** JSON array of the Today item keys already announced. */
  item_keys: string;
  created_at: string;
}

/** Documents for full-text search; the FTS5 index over them is maintained by triggers. */
export interface SearchDocsTable {
  rowid: number;
  entity: string;
  entity_id: string;
  trainee_id: string;
  title: string;
  body: string;
  private: string;
}

export interface EverydayTables {
  meeting_templates: MeetingTemplatesTable;
  meetings: MeetingsTable;
  meeting_actions: MeetingActionsTable;
  meeting_goals: MeetingGoalsTable;
  plp_goals: PlpGoalsTable;
  plp_reviews: PlpReviewsTable;
  early_needs: EarlyNeedsTable;
  identified_needs: IdentifiedNeedsTable;
  support_catalogue: SupportCatalogueTable;
  support_items: SupportItemsTable;
  meeting_cadence: MeetingCadenceTable;
  drafts: DraftsTable;
  daily_notifications: DailyNotificationsTable;
  search_docs: SearchDocsTable;
}
