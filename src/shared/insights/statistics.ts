/**
 * The few statistics the "What works" figures need, written out because no mainstream JavaScript
 * library offers Fisher's exact test or Wilson intervals. Pure functions; tested against R's values.
 */

/** The 97.5th percentile of the standard normal: a 95% two-sided interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for `successes` out of `trials` (R: `prop.test(x, n, correct = FALSE)`).
 * Null when there are no trials. Unlike the textbook ±1.96·SE interval it stays inside 0–1 and is
 * honest for small groups and rates near 0% or 100%.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval | null {
  if (trials <= 0 || successes < 0 || successes > trials) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // At the ends the exact bound is 0 or 1; floating point would otherwise leave 1e-17 of noise.
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

/** A 2×2 table: a/b are the first group's events/non-events, c/d the second group's. */
export interface TwoByTwo {
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface RiskRatio extends Interval {
  estimate: number;
  /** True when a zero cell made us add 0.5 to every cell (Haldane–Anscombe) before estimating. */
  corrected: boolean;
}

/**
 * Risk ratio of the first group's event rate over the second's, with a 95% interval by the Katz
 * log method: SE(ln RR) = √(1/a − 1/(a+b) + 1/c − 1/(c+d)). When any cell is zero the log and its
 * variance are undefined, so 0.5 is added to all four cells (Haldane–Anscombe correction) for the
 * estimate and the interval alike, and `corrected` says so. Null when either group is empty or
 * neither group has any events (then there is no ratio to speak of).
 */
export function riskRatio(table: TwoByTwo, z = Z_95): RiskRatio | null {
  const { a, b, c, d } = table;
  if (a + b === 0 || c + d === 0 || a + c === 0) return null;
  const corrected = a === 0 || b === 0 || c === 0 || d === 0;
  const k = corrected ? 0.5 : 0;
  const [a1, b1, c1, d1] = [a + k, b + k, c + k, d + k];
  const n1 = a1 + b1;
  const n2 = c1 + d1;
  const estimate = a1 / n1 / (c1 / n2);
  const se = Math.sqrt(1 / a1 - 1 / n1 + 1 / c1 - 1 / n2);
  const log = Math.log(estimate);
  return { estimate, lower: Math.exp(log - z * se), upper: Math.exp(log + z * se), corrected };
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  return logFactorials[n]!;
}

/** R's `fisher.test` counts tables as "as extreme" when their probability is within this factor. */
const FISHER_RELATIVE_TOLERANCE = 1 + 1e-7;

/**
 * Fisher's exact test, two-sided, as R computes it: with the margins fixed, the sum of the
 * hypergeometric probabilities of every table no more likely than the one observed (within a
 * relative tolerance of 1e-7, so ties are not lost to rounding). Null for an empty table.
 */
export function fisherExactTwoSided(table: TwoByTwo): number | null {
  const { a, b, c, d } = table;
  const n = a + b + c + d;
  if (n === 0) return null;
  const row1 = a + b;
  const col1 = a + c;
  const row2 = c + d;
  const fixed = logFactorial(row1) + logFactorial(row2) + logFactorial(col1) + logFactorial(b + d) - logFactorial(n);
  const logP = (x: number) =>
    fixed - logFactorial(x) - logFactorial(row1 - x) - logFactorial(col1 - x) - logFactorial(row2 - col1 + x);
  const observed = logP(a);
  const threshold = observed + Math.log(FISHER_RELATIVE_TOLERANCE);
  let p = 0;
  for (let x = Math.max(0, col1 - row2); x <= Math.min(row1, col1); x++) {
    const lp = logP(x);
    if (lp <= threshold) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

export interface PooledRiskRatio extends Interval {
  estimate: number;
  /** Strata that had someone in both groups and so could contribute. */
  strata: number;
}

/**
 * Mantel–Haenszel risk ratio pooled over strata (here: exams), with the Greenland–Robins (1985)
 * variance of its log:
 *   RR = Σ aᵢn₂ᵢ/Nᵢ ÷ Σ cᵢn₁ᵢ/Nᵢ
 *   Var(ln RR) = Σ (n₁ᵢn₂ᵢmᵢ − aᵢcᵢNᵢ)/Nᵢ² ÷ (Σ aᵢn₂ᵢ/Nᵢ · Σ cᵢn₁ᵢ/Nᵢ), mᵢ = aᵢ + cᵢ.
 * A stratum with an empty group carries no comparison and is skipped. Null when the pooled
 * numerator or denominator is zero. No zero-cell correction is needed: the sums stay finite.
 */
export function mantelHaenszelRiskRatio(strata: readonly TwoByTwo[], z = Z_95): PooledRiskRatio | null {
  let numerator = 0;
  let denominator = 0;
  let variance = 0;
  let used = 0;
  for (const { a, b, c, d } of strata) {
    const n1 = a + b;
    const n2 = c + d;
    const total = n1 + n2;
    if (n1 === 0 || n2 === 0) continue;
    used++;
    numerator += (a * n2) / total;
    denominator += (c * n1) / total;
    variance += (n1 * n2 * (a + c) - a * c * total) / (total * total);
  }
  if (numerator === 0 || denominator === 0) return null;
  const estimate = numerator / denominator;
  const se = Math.sqrt(variance / (numerator * denominator));
  const log = Math.log(estimate);
  return { estimate, lower: Math.exp(log - z * se), upper: Math.exp(log + z * se), strata: used };
}

/**
 * Quantile by R's default definition (type 7, also NumPy's "linear"): for sorted x₁…xₙ,
 * h = (n − 1)p and the value is interpolated between x⌊h⌋ and x⌊h⌋₊₁ (0-based).
 */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0 || p < 0 || p > 1) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
}

export interface MedianIqr {
  median: number;
  lowerQuartile: number;
  upperQuartile: number;
  n: number;
}

/** Median and interquartile range (R type 7 quantiles); null for no values. */
export function medianIqr(values: readonly number[]): MedianIqr | null {
  if (values.length === 0) return null;
  return {
    median: quantile(values, 0.5)!,
    lowerQuartile: quantile(values, 0.25)!,
    upperQuartile: quantile(values, 0.75)!,
    n: values.length,
  };
}

export interface RateDifference extends Interval {
  /** The first group's rate minus the second's, as a proportion (−1 to 1). */
  estimate: number;
}

/**
 * Difference of two independent rates with Newcombe's (1998) hybrid score interval (his method 10),
 * built from each group's Wilson interval:
 *   L = d − √((p₁ − l₁)² + (u₂ − p₂)²),  U = d + √((u₁ − p₁)² + (p₂ − l₂)²).
 * Like the Wilson interval it behaves for small groups and rates near 0 or 1. Null when a group is empty.
 */
export function rateDifference(table: TwoByTwo, z = Z_95): RateDifference | null {
  const { a, b, c, d } = table;
  const first = wilsonInterval(a, a + b, z);
  const second = wilsonInterval(c, c + d, z);
  if (!first || !second) return null;
  const p1 = a / (a + b);
  const p2 = c / (c + d);
  const estimate = p1 - p2;
  return {
    estimate,
    lower: Math.max(-1, estimate - Math.sqrt((p1 - first.lower) ** 2 + (second.upper - p2) ** 2)),
    upper: Math.min(1, estimate + Math.sqrt((first.upper - p1) ** 2 + (p2 - second.lower) ** 2)),
  };
}
