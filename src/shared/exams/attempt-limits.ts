import { shiftDate } from '../dates';
import {
  COUNTED_RESULTS,
  FAILING_GRADES,
  DOMAIN_GRADES,
  type AttemptLimitRule,
  type ExamDefinition,
  type ExamResult,
  type PostFailTier,
} from './exam-reference';

/** The rule that applies to a trainee who entered training on `entryDate` (yyyy-MM-dd); the first match wins. */
export function limitRuleFor(rules: readonly AttemptLimitRule[], entryDate: string): AttemptLimitRule | null {
  return (
    rules.find(
      (r) => (r.entryFrom === null || entryDate >= r.entryFrom) && (r.entryTo === null || entryDate <= r.entryTo),
    ) ?? null
  );
}

export interface AttemptLike {
  id: string;
  sittingDate: string;
  result: ExamResult;
}

export interface NumberedAttempt {
  id: string;
  /** 1-based among attempts that count; null for a withdrawal or a void sitting. */
  attemptNumber: number | null;
  /** Beyond the standard limit: an exceptional attempt. */
  exceptional: boolean;
  /** Beyond every limit, exceptional included: recorded but over the rules. */
  overLimit: boolean;
  standardLeftAfter: number;
  exceptionalLeftAfter: number;
}

export interface AttemptAllowance {
  rule: AttemptLimitRule | null;
  used: number;
  standardLimit: number;
  exceptionalLimit: number;
  standardLeft: number;
  exceptionalLeft: number;
  passed: boolean;
  /** The next sitting would be an exceptional attempt. */
  nextIsExceptional: boolean;
  /** The next sitting would be the last one the rules allow. */
  nextIsLast: boolean;
  exhausted: boolean;
}

/**
 * Numbers a trainee's attempts at one exam group (e.g. SCA with historic RCA) in sitting order,
 * and says how many remain. Attempts that are withdrawn or void are listed but do not count.
 * With no matching rule, limits are unknown and shown as zero allowed: the user must add a rule.
 */
export function countAttempts(
  rule: AttemptLimitRule | null,
  attempts: readonly AttemptLike[],
): { numbered: NumberedAttempt[]; allowance: AttemptAllowance } {
  const standardLimit = rule?.standardAttempts ?? 0;
  const exceptionalLimit = rule?.exceptionalAttempts ?? 0;
  const sorted = [...attempts].sort((a, b) => a.sittingDate.localeCompare(b.sittingDate) || a.id.localeCompare(b.id));
  let used = 0;
  let passed = false;
  const numbered: NumberedAttempt[] = [];
  for (const attempt of sorted) {
    const counts = COUNTED_RESULTS.includes(attempt.result);
    if (counts) used++;
    if (attempt.result === 'pass') passed = true;
    numbered.push({
      id: attempt.id,
      attemptNumber: counts ? used : null,
      exceptional: counts && used > standardLimit && used <= standardLimit + exceptionalLimit,
      overLimit: counts && used > standardLimit + exceptionalLimit,
      standardLeftAfter: Math.max(0, standardLimit - used),
      exceptionalLeftAfter: Math.max(0, exceptionalLimit - Math.max(0, used - standardLimit)),
    });
  }
  const standardLeft = Math.max(0, standardLimit - used);
  const exceptionalLeft = Math.max(0, exceptionalLimit - Math.max(0, used - standardLimit));
  const totalLeft = standardLeft + exceptionalLeft;
  return {
    numbered,
    allowance: {
      rule,
      used,
      standardLimit,
      exceptionalLimit,
      standardLeft,
      exceptionalLeft,
      passed,
      nextIsExceptional: standardLeft === 0 && exceptionalLeft > 0,
      nextIsLast: totalLeft === 1,
      exhausted: totalLeft === 0,
    },
  };
}

/** "3 of 4 used, 1 left (+1 exceptional)" — the phrase used on screens and exports. */
export function describeAllowance(a: AttemptAllowance): string {
  if (!a.rule) return `${a.used} used; no attempt limit applies to this entry date`;
  const limit = `${a.used} of ${a.standardLimit}${a.exceptionalLimit ? ` (+${a.exceptionalLimit} exceptional)` : ''} used`;
  if (a.exhausted) return `${limit}; no attempts left`;
  if (a.nextIsExceptional) return `${limit}; only the exceptional attempt left`;
  return `${limit}; ${a.standardLeft} left${a.exceptionalLeft ? ` (+${a.exceptionalLeft} exceptional)` : ''}`;
}

/** The tier of the ladder for the Nth fail: the highest rung at or below N. */
export function tierForFail(ladder: readonly PostFailTier[], failNumber: number): PostFailTier | null {
  const sorted = [...ladder].sort((a, b) => a.failNumber - b.failNumber);
  let tier: PostFailTier | null = null;
  for (const rung of sorted) if (rung.failNumber <= failNumber) tier = rung;
  return tier ?? sorted[0] ?? null;
}

export interface ComponentValue {
  key: string;
  label: string;
  /** A percentage as text ("63") or a grade ("Fail"); blank when not reported. */
  value: string;
}

/**
 * The weakest areas of an attempt: for graded domains, every domain at the worst failing grade;
 * for subject-area percentages, the lowest area(s). Empty when nothing was reported.
 */
export function weakestAreas(
  exam: Pick<ExamDefinition, 'componentKind'>,
  components: readonly ComponentValue[],
): string[] {
  const reported = components.filter((c) => c.value !== '');
  if (reported.length === 0) return [];
  if (exam.componentKind === 'grade') {
    const rank = (v: string) => DOMAIN_GRADES.indexOf(v as (typeof DOMAIN_GRADES)[number]);
    const worst = Math.max(...reported.map((c) => rank(c.value)));
    if (worst < 0 || !FAILING_GRADES.includes(DOMAIN_GRADES[worst]!)) return [];
    return reported.filter((c) => rank(c.value) === worst).map((c) => c.label);
  }
  if (exam.componentKind === 'percentage') {
    const lowest = Math.min(...reported.map((c) => Number(c.value)));
    return reported.filter((c) => Number(c.value) === lowest).map((c) => c.label);
  }
  return [];
}

/** The last day to book a sitting, when the exam tracks one. */
export function bookingDeadline(sittingDate: string | null, bookingWeeksBefore: number | null): string | null {
  if (!sittingDate || bookingWeeksBefore === null) return null;
  return shiftDate(sittingDate, -7 * bookingWeeksBefore);
}
