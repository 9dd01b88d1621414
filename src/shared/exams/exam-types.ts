import type { AfterTrainingAttempt } from './after-training';
import type { ComponentValue } from './attempt-limits';
import type { ExtensionPeriod, ExtensionUse } from './extensions';
import type { ContributingFactor, ExamDefinition, ExamResult, ExamRules, ReadinessDecision } from './exam-reference';

/** One sitting of one exam, with where it falls against the trainee's attempt limit. */
export interface ExamAttempt {
  id: string;
  traineeId: string;
  examId: string;
  examCode: string;
  examName: string;
  attemptGroup: string;
  sittingDate: string;
  result: ExamResult;
  score: number | null;
  passMark: number | null;
  /** Items in the sitting's paper (AKT: 200, then 160 from October 2025); null when not known. */
  itemCount: number | null;
  /** The score against its paper, e.g. "109/160". */
  scoreText: string | null;
  /** Subject-area percentages or domain grades, in the exam's order. */
  components: ComponentValue[];
  weakestAreas: string[];
  feedback: string | null;
  /** 1-based among attempts that count; null for withdrawn or void. */
  attemptNumber: number | null;
  exceptional: boolean;
  overLimit: boolean;
  /** Attempts still allowed after this one (standard, then exceptional). */
  standardLeftAfter: number;
  exceptionalLeftAfter: number;
  /** Things to check, e.g. a pass recorded under its pass mark. */
  flags: string[];
  source: 'manual' | 'import' | 'demo';
}

/** Where a trainee stands on one exam group (AKT; SCA with historic RCA). */
export interface ExamGroupSummary {
  attemptGroup: string;
  /** Code of the exam sat now in this group (SCA rather than RCA). */
  examCode: string;
  used: number;
  standardLimit: number;
  exceptionalLimit: number;
  standardLeft: number;
  exceptionalLeft: number;
  passed: boolean;
  nextIsExceptional: boolean;
  nextIsLast: boolean;
  exhausted: boolean;
  ruleLabel: string | null;
  /** e.g. "2 of 4 (+1 exceptional) used; 2 left (+1 exceptional)". */
  description: string;
  earliestGrade: string | null;
}

/** What a readiness-to-sit discussion records that the trainee sees. No private notes here. */
export interface SharedReadinessRecord {
  id: string;
  traineeId: string;
  examId: string;
  examCode: string;
  discussedOn: string;
  plannedSittingDate: string | null;
  bookingDeadline: string | null;
  mockResults: string | null;
  gaps: string | null;
  consultationFeedback: string | null;
  wellbeing: string | null;
  traineeView: string | null;
  educatorView: string | null;
  decision: ReadinessDecision;
  reasons: string | null;
  agreedActions: string[];
}

export interface ReadinessRecord extends SharedReadinessRecord {
  privateNote: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface FeedbackArea {
  key: string;
  label: string;
  result: string;
  weakest: boolean;
  note: string | null;
}

export interface SupportOffer {
  label: string;
  accepted: boolean;
}

/** The shared part of a post-fail conversation: what is exported and shown to panels. */
export interface SharedPostFailRecord {
  id: string;
  traineeId: string;
  attemptId: string;
  examCode: string;
  examName: string;
  sittingDate: string;
  /** Which fail this was (1st, 2nd…) in the exam group. */
  failNumber: number;
  attemptNumber: number | null;
  heldOn: string;
  participants: string;
  owner: string | null;
  traineeReflection: string | null;
  feedbackByArea: FeedbackArea[];
  contributingFactors: Array<{ factor: ContributingFactor; note: string | null }>;
  supportTier: number;
  supportTierLabel: string | null;
  supportOffered: SupportOffer[];
  resitTargetDate: string | null;
  resitBookingDeadline: string | null;
  studyPlan: string | null;
  mocks: string | null;
  reviewDates: string[];
  agreedActions: string[];
  traineeAgreed: boolean;
}

export interface PostFailRecord extends SharedPostFailRecord {
  privateNote: string | null;
  /** Support items of the 1:1 feature created from what the trainee accepted, when that feature exists. */
  supportItemIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** What a new post-fail form starts with, taken from the failed attempt and the ladder. */
export interface PostFailDraft {
  attempt: ExamAttempt;
  failNumber: number;
  supportTier: number;
  supportTierLabel: string | null;
  supportOffered: SupportOffer[];
  feedbackByArea: FeedbackArea[];
  bookingWeeksBefore: number | null;
}

export interface TraineeExams {
  attempts: ExamAttempt[];
  summaries: ExamGroupSummary[];
  readiness: ReadinessRecord[];
  postFail: PostFailRecord[];
  /** Extension periods, oldest first, and the time used and left of each kind. */
  extensions: ExtensionPeriod[];
  extensionUse: ExtensionUse;
  /** For a trainee who has left training; null while in training. */
  afterTraining: AfterTrainingAttempt | null;
}

export interface ExamSetup {
  definitions: ExamDefinition[];
  rules: ExamRules;
}

export type MonitorWarning = 'no_conversation' | 'last_attempt' | 'no_attempts_left' | 'booking_without_readiness';

export const MONITOR_WARNING_LABELS: Record<MonitorWarning, string> = {
  no_conversation: 'No post-fail conversation after 4 weeks',
  last_attempt: 'Next sitting is the last attempt',
  no_attempts_left: 'No attempts left',
  booking_without_readiness: 'Booking closes within 2 weeks; no readiness discussion',
};

/** One row of the re-sit monitor: a trainee with a failed or pending attempt at one exam. */
export interface MonitorRow {
  traineeId: string;
  traineeName: string;
  gmcNumber: string;
  grade: string;
  programme: string;
  examCode: string;
  attemptGroup: string;
  attemptsUsed: number;
  attemptsLeft: number;
  exceptionalLeft: number;
  attemptsText: string;
  lastResult: ExamResult;
  lastSittingDate: string;
  weakestArea: string | null;
  daysSinceFail: number | null;
  nextSittingDate: string | null;
  bookingDeadline: string | null;
  postFailDone: boolean;
  supportTier: string | null;
  supportOffered: number;
  supportAccepted: number;
  readinessDone: boolean;
  readinessDecision: ReadinessDecision | null;
  owner: string | null;
  warnings: MonitorWarning[];
}

/**
 * Extension time and the after-training attempt of a trainee the re-sit monitor may show: every
 * trainee with an extension or who has left. Kept apart from MonitorRow, whose shape is frozen
 * by the equivalence test; the page joins them by trainee.
 */
export interface MonitorTraineeTime {
  traineeId: string;
  /** "7 months used, 5 months left; exceptional: 0 months used, 6 months left". */
  extensionText: string;
  hasExtension: boolean;
  /** For a trainee who has left; null otherwise. */
  afterTrainingText: string | null;
}

export interface ResultsImportRow {
  line: number;
  status: 'create' | 'update' | 'unchanged' | 'error';
  gmcNumber: string;
  traineeName: string;
  exam: string;
  sittingDate: string;
  result: string;
  reasons: string[];
  /**
   * Why the result looks impossible (a Fail at or over its pass mark, a Pass under it, a score over
   * the paper's items): the row is "to check", recorded only when ticked (`confirmedLines`).
   */
  flags: string[];
}

export interface ResultsImportPreview {
  fileName: string;
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le';
  headers: string[];
  /** Required columns the file lacks. */
  missingColumns: string[];
  rows: ResultsImportRow[];
  counts: Record<ResultsImportRow['status'], number>;
  /** Rows to check (with flags), counted in create or update; recorded only when ticked. */
  flagged: number;
}

export interface ResultsImportOutcome {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rows to check that were ticked and recorded anyway. */
  flagged: number;
  /** Rows to check that were not ticked, so not recorded. */
  leftOut: number;
}
