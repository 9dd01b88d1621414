import { shiftDate } from '../dates';

/**
 * One row of the Today view. Features contribute rows through providers in main
 * (src/main/services/today/today-providers.ts); each row opens the place to act.
 */
export type TodayUrgency = 'overdue' | 'due_soon' | 'upcoming';

export interface TodayItem {
  /** Unique within its kind. */
  id: string;
  /** What sort of thing is due, e.g. `meeting_action`, `meeting_due`, `plp_review`, `support_follow_up`. */
  kind: string;
  traineeId: string;
  traineeName: string;
  title: string;
  detail?: string;
  /** yyyy-MM-dd */
  dueDate: string;
  urgency: TodayUrgency;
  /** Renderer route, e.g. /trainees/<id>/meetings */
  link: string;
}

/** Due within this many days counts as "due soon"; later, up to the window, as "upcoming". */
export const DUE_SOON_DAYS = 7;
/** Providers return what falls due up to this many days ahead. */
export const TODAY_WINDOW_DAYS = 28;

// Providers classify thousands of rows against the same day: work out its threshold once.
let soonFor = { today: '', end: '' };

export function urgencyFor(dueDate: string, today: string): TodayUrgency {
  if (dueDate < today) return 'overdue';
  if (soonFor.today !== today) soonFor = { today, end: shiftDate(today, DUE_SOON_DAYS) };
  if (dueDate <= soonFor.end) return 'due_soon';
  return 'upcoming';
}

/** The last date a provider should include. */
export function windowEnd(today: string): string {
  return shiftDate(today, TODAY_WINDOW_DAYS);
}

/** Labels for the kinds this app knows; other kinds fall back to a tidied version of their key. */
export const TODAY_KIND_LABELS: Record<string, string> = {
  meeting_action: 'Agreed action',
  meeting_due: '1:1 due',
  plp_review: 'PLP review',
  support_follow_up: 'Support follow-up',
  needs_retention: 'Data retention',
  exam_post_fail: 'Post-fail conversation',
  exam_readiness: 'Readiness to sit',
  arcp_full_esr: 'Full ESR',
  arcp_outcome_5: 'Outcome 5 evidence',
  arcp_outcome: 'ARCP outcome',
  arcp_overdue: 'ARCP overdue',
  trainee_retention: 'Past your retention period',
};

export function todayKindLabel(kind: string): string {
  return TODAY_KIND_LABELS[kind] ?? kind.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export const URGENCY_LABELS: Record<TodayUrgency, string> = {
  overdue: 'Overdue',
  due_soon: 'Due soon',
  upcoming: 'Coming up',
};

export interface TodayGroup {
  urgency: TodayUrgency;
  total: number;
  /** Sorted by due date; capped so the start screen stays quick with a large register. */
  items: TodayItem[];
}

export interface TodayView {
  today: string;
  groups: TodayGroup[];
  /** How many rows of each kind, for the filter. */
  kinds: Array<{ kind: string; total: number }>;
}
