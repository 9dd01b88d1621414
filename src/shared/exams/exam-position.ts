import { formatUkDate } from '../dates';
import { COUNTED_RESULTS, EXAM_RESULTS, type ExamResult } from './exam-reference';

export interface PositionAttempt {
  exam: string;
  sittingDate: string;
  result: ExamResult;
  attemptNumber: number | null;
  /** Attempts still allowed after this one, when known (from the attempt-limit rules). */
  attemptsLeftAfter?: AttemptsLeft;
}

export interface AttemptsLeft {
  standard: number;
  exceptional: number;
}

/** Where a trainee stands on one exam, from the stored results (never their labels). */
export interface ExamPosition {
  exam: string;
  /** Sittings that use up an attempt (withdrawn and void do not). */
  attemptsUsed: number;
  passed: boolean;
  /** The attempt number of the pass, when it has one. */
  passedAtAttempt: number | null;
  fails: number;
  /** After the latest attempt that counts; null when not known. */
  attemptsLeft: AttemptsLeft | null;
  last: { result: ExamResult; sittingDate: string };
}

/** One position per exam, in the order each exam was first sat. */
export function examPositions(attempts: readonly PositionAttempt[]): ExamPosition[] {
  const byExam = new Map<string, PositionAttempt[]>();
  for (const a of [...attempts].sort((x, y) => x.sittingDate.localeCompare(y.sittingDate))) {
    const list = byExam.get(a.exam) ?? [];
    list.push(a);
    byExam.set(a.exam, list);
  }
  return [...byExam.entries()].map(([exam, list]) => {
    const pass = list.find((a) => a.result === 'pass');
    const last = list[list.length - 1]!;
    const counted = list.filter((a) => COUNTED_RESULTS.includes(a.result));
    return {
      exam,
      attemptsUsed: counted.length,
      passed: pass !== undefined,
      passedAtAttempt: pass?.attemptNumber ?? null,
      fails: list.filter((a) => a.result === 'fail').length,
      attemptsLeft: counted.at(-1)?.attemptsLeftAfter ?? null,
      last: { result: last.result, sittingDate: last.sittingDate },
    };
  });
}

function describeLeft(left: AttemptsLeft | null): string {
  if (!left) return '';
  if (left.standard + left.exceptional === 0) return '; no attempts left';
  if (left.standard === 0) return `; only the exceptional attempt${left.exceptional === 1 ? '' : 's'} left`;
  return `; ${left.standard} attempt${left.standard === 1 ? '' : 's'} left${left.exceptional ? ` (+${left.exceptional} exceptional)` : ''}`;
}

/** "AKT: passed at attempt 1", "SCA: not yet passed, 2 fails (last fail on 03/03/2026); 4 attempts left". */
export function describeExamPosition(p: ExamPosition): string {
  if (p.passed) return `${p.exam}: passed${p.passedAtAttempt ? ` at attempt ${p.passedAtAttempt}` : ''}`;
  const last = EXAM_RESULTS.label(p.last.result).toLowerCase();
  return p.fails > 0
    ? `${p.exam}: not yet passed, ${p.fails} fail${p.fails === 1 ? '' : 's'} (last ${last} on ${formatUkDate(p.last.sittingDate)})${describeLeft(p.attemptsLeft)}`
    : `${p.exam}: ${last}${describeLeft(p.attemptsLeft)}`;
}
