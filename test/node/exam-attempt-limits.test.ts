import { describe, expect, it } from 'vitest';
import {
  bookingDeadline,
  countAttempts,
  describeAllowance,
  limitRuleFor,
  tierForFail,
  weakestAreas,
  type AttemptLike,
} from '../../src/shared/exams/attempt-limits';
import { DEFAULT_EXAM_RULES, type ExamResult } from '../../src/shared/exams/exam-reference';

const rules = DEFAULT_EXAM_RULES.attemptLimits;

function sittings(...results: ExamResult[]): AttemptLike[] {
  return results.map((result, i) => ({ id: `a${i}`, sittingDate: `2024-0${i + 1}-10`, result }));
}

describe('attempt limits follow the entry date', () => {
  it('gives 4 attempts plus an exceptional 5th to a trainee in training on 1 Aug 2023', () => {
    const rule = limitRuleFor(rules, '2023-08-01');
    expect(rule).toMatchObject({ standardAttempts: 4, exceptionalAttempts: 1 });
    expect(limitRuleFor(rules, '2021-02-03')).toBe(rule);
  });

  it('gives 6 attempts and no exceptional one to a trainee starting on 2 Aug 2023 or later', () => {
    expect(limitRuleFor(rules, '2023-08-02')).toMatchObject({ standardAttempts: 6, exceptionalAttempts: 0 });
    expect(limitRuleFor(rules, '2025-08-06')).toMatchObject({ standardAttempts: 6, exceptionalAttempts: 0 });
  });

  it('finds no rule for an entry date no rule covers, and says so', () => {
    const narrow = [
      {
        label: 'Only 2024',
        entryFrom: '2024-01-01',
        entryTo: '2024-12-31',
        standardAttempts: 3,
        exceptionalAttempts: 0,
      },
    ];
    expect(limitRuleFor(narrow, '2023-08-01')).toBeNull();
    expect(describeAllowance(countAttempts(null, sittings('fail')).allowance)).toContain('no attempt limit applies');
  });
});

describe('counting attempts', () => {
  const old = limitRuleFor(rules, '2023-08-01');
  const recent = limitRuleFor(rules, '2023-08-02');

  it('marks the 4th of 4 as the last standard attempt and the 5th as exceptional', () => {
    const three = countAttempts(old, sittings('fail', 'fail', 'fail')).allowance;
    expect(three).toMatchObject({
      used: 3,
      standardLeft: 1,
      exceptionalLeft: 1,
      nextIsExceptional: false,
      nextIsLast: false,
      exhausted: false,
    });

    const four = countAttempts(old, sittings('fail', 'fail', 'fail', 'fail'));
    expect(four.allowance).toMatchObject({
      used: 4,
      standardLeft: 0,
      exceptionalLeft: 1,
      nextIsExceptional: true,
      nextIsLast: true,
      exhausted: false,
    });
    expect(four.numbered.at(-1)).toMatchObject({
      attemptNumber: 4,
      exceptional: false,
      standardLeftAfter: 0,
      exceptionalLeftAfter: 1,
    });
    expect(describeAllowance(four.allowance)).toBe('4 of 4 (+1 exceptional) used; only the exceptional attempt left');

    const five = countAttempts(old, sittings('fail', 'fail', 'fail', 'fail', 'fail'));
    expect(five.numbered.at(-1)).toMatchObject({ attemptNumber: 5, exceptional: true, overLimit: false });
    expect(five.allowance).toMatchObject({ used: 5, standardLeft: 0, exceptionalLeft: 0, exhausted: true });
  });

  it('gives the later cohort six attempts with no exceptional one', () => {
    const five = countAttempts(recent, sittings('fail', 'fail', 'fail', 'fail', 'fail')).allowance;
    expect(five).toMatchObject({
      used: 5,
      standardLeft: 1,
      exceptionalLeft: 0,
      nextIsLast: true,
      nextIsExceptional: false,
    });
    const six = countAttempts(recent, sittings('fail', 'fail', 'fail', 'fail', 'fail', 'fail'));
    expect(six.numbered.at(-1)).toMatchObject({ attemptNumber: 6, exceptional: false });
    expect(six.allowance.exhausted).toBe(true);
  });

  it('does not count withdrawn or void sittings, but counts one awaiting its result', () => {
    const { numbered, allowance } = countAttempts(old, sittings('fail', 'withdrawn', 'void', 'awaiting'));
    expect(numbered.map((n) => n.attemptNumber)).toEqual([1, null, null, 2]);
    expect(allowance).toMatchObject({ used: 2, standardLeft: 2 });
  });

  it('counts historic RCA attempts in the same group as SCA attempts, in sitting order', () => {
    const history: AttemptLike[] = [
      { id: 'sca-1', sittingDate: '2024-02-01', result: 'fail' },
      { id: 'rca-1', sittingDate: '2022-05-01', result: 'fail' },
      { id: 'rca-2', sittingDate: '2023-03-01', result: 'fail' },
    ];
    const { numbered, allowance } = countAttempts(old, history);
    expect(numbered.map((n) => [n.id, n.attemptNumber])).toEqual([
      ['rca-1', 1],
      ['rca-2', 2],
      ['sca-1', 3],
    ]);
    expect(allowance).toMatchObject({ used: 3, standardLeft: 1, exceptionalLeft: 1 });
  });

  it('records a pass and stops warning about attempts', () => {
    expect(countAttempts(recent, sittings('fail', 'pass')).allowance).toMatchObject({ passed: true, used: 2 });
  });
});

describe('ladder, weakest areas and booking deadline', () => {
  it('picks the tier for the Nth fail, staying on the top rung after the third', () => {
    const ladder = DEFAULT_EXAM_RULES.ladder;
    expect(tierForFail(ladder, 1)?.label).toContain('course');
    expect(tierForFail(ladder, 2)?.label).toContain('small-group');
    expect(tierForFail(ladder, 3)?.label).toContain('1:1');
    expect(tierForFail(ladder, 5)?.label).toContain('1:1');
  });

  it('names the worst failing SCA domains and the lowest AKT area', () => {
    const sca = [
      { key: 'dg', label: 'Data gathering', value: 'Fail' },
      { key: 'cm', label: 'Clinical management', value: 'Clear Fail' },
      { key: 'ro', label: 'Relating to others', value: 'Clear Pass' },
    ];
    expect(weakestAreas({ componentKind: 'grade' }, sca)).toEqual(['Clinical management']);
    expect(weakestAreas({ componentKind: 'grade' }, [{ key: 'x', label: 'X', value: 'Pass' }])).toEqual([]);
    const akt = [
      { key: 'ck', label: 'Clinical knowledge', value: '72' },
      { key: 'ebp', label: 'Evidence-based practice', value: '63' },
      { key: 'om', label: 'Organisation & management', value: '85' },
    ];
    expect(weakestAreas({ componentKind: 'percentage' }, akt)).toEqual(['Evidence-based practice']);
  });

  it('puts the SCA booking deadline 7 weeks before the sitting', () => {
    expect(bookingDeadline('2026-03-10', 7)).toBe('2026-01-20');
    expect(bookingDeadline('2026-03-10', null)).toBeNull();
    expect(bookingDeadline(null, 7)).toBeNull();
  });
});
