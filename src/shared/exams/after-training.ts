import { addMonths, format, parseISO } from 'date-fns';
import { formatLongDate } from '../dates';
import type { TraineeStatus } from '../trainees';
import { countAttempts } from './attempt-limits';
import { COUNTED_RESULTS, type AttemptLimitRule, type ExamResult } from './exam-reference';

/**
 * RCGP regulations: after leaving training without a CCT, one further attempt at either the AKT or
 * the SCA within 12 months of leaving, and only within that exam's maximum number of attempts
 * (a pass then gives no CCT). The groups are the attempt groups (SCA includes the historic RCA).
 */
export const AFTER_TRAINING_GROUPS = ['AKT', 'SCA'] as const;
export const AFTER_TRAINING_MONTHS = 12;

export interface AfterTrainingAttemptLike {
  id: string;
  attemptGroup: string;
  examCode: string;
  sittingDate: string;
  result: ExamResult;
}

export type AfterTrainingState =
  /** The attempt may still be used, at the exams in `availableAt`, until `windowEnd`. */
  | 'open'
  /** Used: `used` names the exam and sitting. */
  | 'used'
  /** 12 months have passed without it being used. */
  | 'closed'
  /** Both exams are passed or at their maximum, so there is no attempt to use. */
  | 'none_left'
  /** Completed training with a CCT: the rule does not apply. */
  | 'cct'
  /** Left, but the leaving date is not recorded yet. */
  | 'no_date';

export interface AfterTrainingAttempt {
  state: AfterTrainingState;
  leftOn: string | null;
  /** The last day a sitting counts as within 12 months of leaving (the anniversary itself). */
  windowEnd: string | null;
  availableAt: string[];
  used: { examCode: string; sittingDate: string } | null;
  /** Attempts that count sat after leaving beyond the one allowed (recorded, but over the rule). */
  extraAttempts: number;
  /** "After training: one attempt left at AKT or SCA until 14 Mar 2027", and so on. */
  text: string;
}

export interface AfterTrainingInput {
  status: TraineeStatus;
  leftTrainingOn: string | null;
  /** The trainee's attempt-limit rule (from their entry date); null when none matches. */
  rule: AttemptLimitRule | null;
  attempts: readonly AfterTrainingAttemptLike[];
  today: string;
}

/**
 * The after-training attempt of a trainee who has left ('left' is leaving without a CCT,
 * 'completed' is with one); null for a trainee still in training. A sitting on the leaving day
 * belongs to training; one from the next day to the anniversary (both included) is after it.
 */
export function afterTrainingAttempt(input: AfterTrainingInput): AfterTrainingAttempt | null {
  const { status, leftTrainingOn, rule, attempts, today } = input;
  if (status !== 'left' && status !== 'completed') return null;
  const none = { windowEnd: null, availableAt: [], used: null, extraAttempts: 0 };
  if (status === 'completed')
    return {
      ...none,
      state: 'cct',
      leftOn: leftTrainingOn,
      text: 'After training: no further attempt (completed with a CCT)',
    };
  if (!leftTrainingOn)
    return {
      ...none,
      state: 'no_date',
      leftOn: null,
      text: 'After training: enter the date they left training to see the attempt they may still make',
    };

  const windowEnd = format(addMonths(parseISO(leftTrainingOn), AFTER_TRAINING_MONTHS), 'yyyy-MM-dd');
  const groups: readonly string[] = AFTER_TRAINING_GROUPS;
  const relevant = attempts
    .filter((a) => groups.includes(a.attemptGroup) && COUNTED_RESULTS.includes(a.result))
    .sort((a, b) => a.sittingDate.localeCompare(b.sittingDate) || a.id.localeCompare(b.id));
  const after = relevant.filter((a) => a.sittingDate > leftTrainingOn);
  const first = after[0];
  const used = first && first.sittingDate <= windowEnd ? first : undefined;
  const availableAt = AFTER_TRAINING_GROUPS.filter((group) => {
    const before = relevant.filter((a) => a.attemptGroup === group && a.sittingDate <= leftTrainingOn);
    const { allowance } = countAttempts(rule, before);
    return !allowance.passed && !allowance.exhausted;
  });
  const base = { leftOn: leftTrainingOn, windowEnd, availableAt, extraAttempts: after.length - (used ? 1 : 0) };
  if (used)
    return {
      ...base,
      state: 'used',
      used: { examCode: used.examCode, sittingDate: used.sittingDate },
      text: `After training: used on ${used.examCode}, ${formatLongDate(used.sittingDate)}`,
    };
  if (today > windowEnd)
    return {
      ...base,
      state: 'closed',
      used: null,
      text: `After training: window closed on ${formatLongDate(windowEnd)}`,
    };
  if (availableAt.length === 0)
    return {
      ...base,
      state: 'none_left',
      used: null,
      text: 'After training: no attempt left (AKT and SCA passed or at their maximum)',
    };
  return {
    ...base,
    state: 'open',
    used: null,
    text: `After training: one attempt left at ${availableAt.join(' or ')} until ${formatLongDate(windowEnd)}`,
  };
}
