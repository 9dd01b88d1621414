import { describe, expect, it } from 'vitest';
import {
  fisherExactTwoSided,
  logHypergeometric,
  mantelHaenszelRiskRatio,
  medianIqr,
  quantile,
  rateDifference,
  riskRatio,
  wilsonInterval,
} from '../../src/shared/insights/statistics';
import { settledMemory } from '../support/memory';

describe('Wilson 95% score interval', () => {
  it('matches R for 7 of 10', () => {
    // R: prop.test(7, 10, correct = FALSE)$conf.int → 0.3967781 0.8922087
    const ci = wilsonInterval(7, 10)!;
    expect(ci.lower).toBeCloseTo(0.3967781, 6);
    expect(ci.upper).toBeCloseTo(0.8922087, 6);
  });

  it('matches R for 1 of 10 and stays inside 0–1 at 0 of 10', () => {
    // R: prop.test(1, 10, correct = FALSE)$conf.int → 0.01787621 0.40415003
    expect(wilsonInterval(1, 10)!.lower).toBeCloseTo(0.01787621, 7);
    expect(wilsonInterval(1, 10)!.upper).toBeCloseTo(0.40415003, 7);
    // R: prop.test(0, 10, correct = FALSE)$conf.int → 0.0000000 0.2775328
    expect(wilsonInterval(0, 10)).toEqual({ lower: 0, upper: expect.closeTo(0.2775328, 7) });
    expect(wilsonInterval(10, 10)!.upper).toBe(1);
  });

  it('gives no interval for an empty group', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('risk ratio with the Katz log interval', () => {
  it('matches the worked values for [[1, 9], [11, 3]]', () => {
    // By hand: RR = (1/10)/(11/14) = 0.1272727; SE(ln RR) = √(1 − 1/10 + 1/11 − 1/14) = 0.9588954;
    // exp(ln 0.1272727 ∓ 1.959964 × 0.9588954) = 0.0194322, 0.8335826
    // (R: library(fmsb); riskratio(1, 11, 10, 14) gives the same point estimate and interval.)
    const rr = riskRatio({ a: 1, b: 9, c: 11, d: 3 })!;
    expect(rr.estimate).toBeCloseTo(0.1272727, 6);
    expect(rr.lower).toBeCloseTo(0.0194322, 6);
    expect(rr.upper).toBeCloseTo(0.8335826, 6);
    expect(rr.corrected).toBe(false);
  });

  it('adds 0.5 to every cell when one is zero (Haldane–Anscombe) and says so', () => {
    // [[0, 10], [5, 5]] becomes [[0.5, 10.5], [5.5, 5.5]]: RR = (0.5/11)/(5.5/11) = 0.0909091;
    // SE = √(1/0.5 − 1/11 + 1/5.5 − 1/11) = 1.4142136… → interval 0.0056863 to 1.4534098
    const rr = riskRatio({ a: 0, b: 10, c: 5, d: 5 })!;
    expect(rr.corrected).toBe(true);
    expect(rr.estimate).toBeCloseTo(0.0909091, 6);
    expect(rr.lower).toBeCloseTo(0.0056863, 6);
    expect(rr.upper).toBeCloseTo(1.4534098, 6);
  });

  it('gives no ratio when a group is empty or nobody had the outcome', () => {
    expect(riskRatio({ a: 0, b: 0, c: 3, d: 4 })).toBeNull();
    expect(riskRatio({ a: 0, b: 5, c: 0, d: 4 })).toBeNull();
  });
});

describe("Fisher's exact test, two-sided", () => {
  it('gives 0.0027594 for [[1, 9], [11, 3]] as R does', () => {
    // R: fisher.test(matrix(c(1, 11, 9, 3), 2))$p.value → 0.002759456
    expect(fisherExactTwoSided({ a: 1, b: 9, c: 11, d: 3 })).toBeCloseTo(0.002759456, 9);
  });

  it('keeps tables tied with the observed one (the relative tolerance)', () => {
    // R: fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value → 0.4857143 (both tails of a symmetric table)
    expect(fisherExactTwoSided({ a: 3, b: 1, c: 1, d: 3 })).toBeCloseTo(0.4857143, 7);
    // R: fisher.test(matrix(c(10, 4, 5, 12), 2))$p.value → 0.03195239
    expect(fisherExactTwoSided({ a: 10, b: 5, c: 4, d: 12 })).toBeCloseTo(0.03195239, 7);
    // R: fisher.test(matrix(c(0, 5, 5, 0), 2))$p.value → 0.007936508
    expect(fisherExactTwoSided({ a: 0, b: 5, c: 5, d: 0 })).toBeCloseTo(0.007936508, 8);
  });

  it('is 1 when the groups do not differ at all, and null for an empty table', () => {
    expect(fisherExactTwoSided({ a: 2, b: 2, c: 2, d: 2 })).toBeCloseTo(1, 12);
    expect(fisherExactTwoSided({ a: 0, b: 0, c: 0, d: 0 })).toBeNull();
  });

  // References: SciPy 1.17's fisher_exact (R's definition, the same 1 + 1e-7 tolerance) and, for the
  // largest tables, a 40-digit mpmath sum of the exact hypergeometric probabilities (SciPy agrees with
  // it to 4e-8 there; these functions to 1e-12 or better).
  it.each([
    [[120, 380, 95, 405], 0.06453413071625236],
    [[1000, 2000, 1500, 1200], 3.4347320389306625e-64],
    [[5000, 5000, 5000, 5100], 0.4894084096057137],
    [[40000, 60000, 41000, 59000], 5.34933318939069e-6],
    // The old log-factorial table gave 0.0015668 here: summing ten million logs had lost three digits.
    [[10_000_000, 10_000_000, 9_990_000, 10_010_000], 0.00156710073546674],
    [[100_000_000, 100_000_000, 100_000_000, 100_000_100], 0.996090381786576],
    [[100_000_000, 100_000_000, 99_990_000, 100_010_000], 0.317358903822619],
    [[7, 0, 0, 200_000_000], 3.93749944875005e-55],
  ])('matches the reference for %j, counts up to hundreds of millions', ([a, b, c, d], reference) => {
    const p = fisherExactTwoSided({ a: a!, b: b!, c: c!, d: d! })!;
    expect(Math.abs(p - reference) / reference).toBeLessThan(1e-9);
  });

  it('gives 1 or a vanishing p for huge tables without running out of memory', () => {
    expect(fisherExactTwoSided({ a: 200_000_000, b: 200_000_000, c: 200_000_000, d: 200_000_000 })).toBe(1);
    expect(fisherExactTwoSided({ a: 0, b: 200_000_000, c: 1, d: 199_999_999 })).toBe(1);
    // SciPy underflows to 0 here as well.
    expect(fisherExactTwoSided({ a: 1_234_567, b: 2_345_678, c: 1_300_000, d: 2_300_000 })).toBeLessThan(1e-300);
  });

  it('holds no table that grows with the counts: memory stays flat', () => {
    const before = settledMemory();
    for (let i = 0; i < 5; i++)
      fisherExactTwoSided({ a: 200_000_000 + i, b: 200_000_000, c: 199_990_000, d: 200_010_000 });
    const after = settledMemory();
    // A log-factorial table for n = 800 million would be 6.4 GB; the old code died at 200 million.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(20 * 1024 * 1024);
    expect(after.rss - before.rss).toBeLessThan(100 * 1024 * 1024);
  });
});

describe('hypergeometric probabilities', () => {
  it('match exact fractions for small tables and stay finite in logs for huge ones', () => {
    // P(X = 1) drawing 10 from 12 white and 12 black: C(12,1)·C(12,9)/C(24,10) = 12·220/1961256.
    expect(Math.exp(logHypergeometric(1, 12, 12, 10))).toBeCloseTo((12 * 220) / 1961256, 15);
    expect(logHypergeometric(-1, 12, 12, 10)).toBe(-Infinity);
    expect(logHypergeometric(11, 12, 12, 10)).toBe(-Infinity);
    expect(Number.isFinite(logHypergeometric(100_000_000, 200_000_000, 200_000_000, 200_000_000))).toBe(true);
  });
});

describe('Mantel–Haenszel pooled risk ratio (Greenland–Robins variance)', () => {
  it('matches the worked values for two exams', () => {
    // AKT [[4, 6], [2, 8]] and SCA [[7, 3], [5, 10]]. By hand:
    // Σ a·n2/N = 4·10/20 + 7·15/25 = 6.2; Σ c·n1/N = 2·10/20 + 5·10/25 = 3; RR = 2.0666667
    // Var = [(10·10·6 − 4·2·20)/400 + (10·15·12 − 7·5·25)/625] / (6.2·3) = (1.1 + 1.48)/18.6
    // → interval exp(ln 2.0666667 ∓ 1.959964·√0.1387097) = 0.9959811, 4.2883458
    const pooled = mantelHaenszelRiskRatio([
      { a: 4, b: 6, c: 2, d: 8 },
      { a: 7, b: 3, c: 5, d: 10 },
    ])!;
    expect(pooled.estimate).toBeCloseTo(2.0666667, 6);
    expect(pooled.lower).toBeCloseTo(0.9959811, 6);
    expect(pooled.upper).toBeCloseTo(4.2883458, 6);
    expect(pooled.strata).toBe(2);
  });

  it('equals the crude ratio for one stratum and skips strata with an empty group', () => {
    const one = mantelHaenszelRiskRatio([
      { a: 4, b: 6, c: 2, d: 8 },
      { a: 3, b: 1, c: 0, d: 0 },
    ])!;
    expect(one.estimate).toBeCloseTo(riskRatio({ a: 4, b: 6, c: 2, d: 8 })!.estimate, 10);
    expect(one.strata).toBe(1);
    expect(mantelHaenszelRiskRatio([{ a: 0, b: 5, c: 3, d: 2 }])).toBeNull();
  });
});

describe('median and interquartile range (R type 7)', () => {
  it('matches R', () => {
    // R: quantile(1:10, c(.25, .5, .75)) → 3.25 5.50 7.75
    expect(medianIqr([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({
      median: 5.5,
      lowerQuartile: 3.25,
      upperQuartile: 7.75,
      n: 10,
    });
    // R: quantile(c(3, 14, 7, 21, 30, 2), c(.25, .5, .75)) → 4.00 10.50 19.25 (order does not matter)
    expect(medianIqr([3, 14, 7, 21, 30, 2])).toEqual({ median: 10.5, lowerQuartile: 4, upperQuartile: 19.25, n: 6 });
    expect(quantile([9], 0.75)).toBe(9);
    expect(medianIqr([])).toBeNull();
  });
});

describe('difference of two rates with Newcombe’s hybrid score interval', () => {
  it('matches Newcombe (1998, Statistics in Medicine 17:873, table II, method 10)', () => {
    // 56/70 − 48/80 = 0.2000 (0.0524 to 0.3339); 9/10 − 3/10 = 0.6 (0.1705 to 0.8090); 5/56 − 0/29 (−0.0381 to 0.1926).
    const a = rateDifference({ a: 56, b: 14, c: 48, d: 32 })!;
    expect(a.estimate).toBeCloseTo(0.2, 10);
    expect(a.lower).toBeCloseTo(0.0524, 4);
    expect(a.upper).toBeCloseTo(0.3339, 4);
    const c = rateDifference({ a: 9, b: 1, c: 3, d: 7 })!;
    expect(c.lower).toBeCloseTo(0.1705, 4);
    expect(c.upper).toBeCloseTo(0.809, 4);
    const e = rateDifference({ a: 5, b: 51, c: 0, d: 29 })!;
    expect(e.lower).toBeCloseTo(-0.0381, 4);
    expect(e.upper).toBeCloseTo(0.1926, 4);
  });

  it('gives no difference when a group is empty', () => {
    expect(rateDifference({ a: 0, b: 0, c: 3, d: 4 })).toBeNull();
  });
});
