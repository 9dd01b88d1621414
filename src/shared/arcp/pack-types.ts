import type { ArcpDeadline } from './deadlines';
import type { Checklist } from './checklist';
import type { AttemptsLeft, ExamResult } from '../exams';
import type { GoalStatus } from '../plp';
import type { SupportStatus } from '../support';

/**
 * What an ARCP pack is made from. Every field is shared content: the views below have no
 * place for private notes, so the pack builder cannot print one even by mistake.
 */
export interface PackTrainee {
  name: string;
  gmcNumber: string;
  programme: string;
  educationalSupervisor: string | null;
}

export interface PackRecord {
  reviewFrom: string;
  reviewTo: string;
  panelDate: string;
  panelName: string | null;
  grade: string;
  wte: number;
  posts: number;
  esrInterimDate: string | null;
  esrFullDate: string | null;
  outcomeLabel: string | null;
  reasons: string[];
  reasonDetail: string | null;
  evidenceDueDate: string | null;
  educatorSummary: string | null;
}

export interface PackExamAttempt {
  exam: string;
  sittingDate: string;
  result: ExamResult;
  attemptNumber: number | null;
  score: string | null;
  /** Attempts still allowed after this one under the attempt-limit rules. */
  attemptsLeftAfter: AttemptsLeft;
  /** Subject-area or domain results, e.g. ["Relating to others", "Fail"]. */
  domains: Array<[name: string, result: string]>;
}

export interface PackSharedRecord {
  title: string;
  date: string;
  fields: Array<[label: string, value: string]>;
  actions: string[];
}

export interface PackPlpGoal {
  goal: string;
  status: GoalStatus;
  due: string | null;
  detail: string | null;
}

export interface PackSupport {
  support: string;
  offeredOn: string;
  status: SupportStatus;
  outcome: string | null;
}

export interface PackMeeting {
  date: string;
  kind: string;
  summary: string;
  actions: string[];
}

/** A section that could not be filled, and why (e.g. that part of the app is not available). */
export type PackSection<T> = { available: true; items: T[] } | { available: false; reason: string };

export interface PackPreviousArcp {
  panelDate: string;
  grade: string;
  outcome: string;
}

export interface ArcpPackData {
  generatedOn: string;
  trainee: PackTrainee;
  record: PackRecord;
  templateName: string | null;
  checklist: Checklist | null;
  deadlines: ArcpDeadline[];
  /** Earlier ARCPs with an outcome, newest first. */
  previous: PackPreviousArcp[];
  exams: PackSection<PackExamAttempt>;
  examPosition: string[];
  plpGoals: PackSection<PackPlpGoal>;
  support: PackSection<PackSupport>;
  meetings: PackSection<PackMeeting>;
  postFail: PackSection<PackSharedRecord>;
  readiness: PackSection<PackSharedRecord>;
}
