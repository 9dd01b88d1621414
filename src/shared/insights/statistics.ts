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

// ---- Hypergeometric probabilities in constant memory and near machine precision ----
// Catherine Loader's saddle-point method ("Fast and accurate computation of binomial probabilities",
// 2000), as R's dbinom and dhyper use it: a log-factorial table grew with n (counts in the hundreds of
// millions ran out of memory), and a plain log-gamma difference of numbers near 10^9 loses six digits.

const LN_2PI = Math.log(2 * Math.PI);

/** Stirling's error δ(n) = ln n! − [(n + ½) ln n − n + ½ ln 2π], for whole n ≥ 1. */
function stirlingError(n: number): number {
  if (n <= 15) {
    // At most 14 logs, each exact to the last bit: no table, no cancellation worth the name.
    let logFactorial = 0;
    for (let i = 2; i <= n; i++) logFactorial += Math.log(i);
    return logFactorial - (n + 0.5) * Math.log(n) + n - LN_2PI / 2;
  }
  // The Stirling series 1/12n − 1/360n³ + 1/1260n⁵ − 1/1680n⁷ + 1/1188n⁹, cut where the next term is below 1e-17.
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** x·ln(x/np) + np − x, without the cancellation of that formula when x is close to np. */
function deviance(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let sum = (x - np) * v;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      term *= v;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
  }
  return x * Math.log(x / np) + np - x;
}

/** ln P(X = x) for X ~ Binomial(n, p), with q = 1 − p given separately for accuracy. */
function logBinomialRaw(x: number, n: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 0 : -Infinity;
  if (q === 0) return x === n ? 0 : -Infinity;
  if (x === 0) return n === 0 ? 0 : p < 0.1 ? -deviance(n, n * q) - n * p : n * Math.log(q);
  if (x === n) return q < 0.1 ? -deviance(n, n * p) - n * q : n * Math.log(p);
  if (x < 0 || x > n) return -Infinity;
  const lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x) - deviance(x, n * p) - deviance(n - x, n * q);
  return lc - 0.5 * (LN_2PI + Math.log(x) + Math.log1p(-x / n));
}

/** ln P(X = x) drawing `drawn` from `white` white and `black` black balls (R's dhyper(x, white, black, drawn, log = TRUE)). */
export function logHypergeometric(x: number, white: number, black: number, drawn: number): number {
  if (x < 0 || x > white || drawn - x < 0 || drawn - x > black) return -Infinity;
  const total = white + black;
  if (drawn === 0 || drawn === total) return 0;
  const p = drawn / total;
  const q = (total - drawn) / total;
  return logBinomialRaw(x, white, p, q) + logBinomialRaw(drawn - x, black, p, q) - logBinomialRaw(drawn, total, p, q);
}

/** R's `fisher.test` counts tables as "as extreme" when their probability is within this factor. */
const FISHER_RELATIVE_TOLERANCE = 1 + 1e-7;

/**
 * Fisher's exact test, two-sided, as R computes it: with the margins fixed, the sum of the
 * hypergeometric probabilities of every table no more likely than the one observed (within a
 * relative tolerance of 1e-7, so ties are not lost to rounding). Null for an empty table.
 *
 * Constant memory and time that grows with the spread of the distribution (about √n), not with n:
 * the probabilities rise to one mode and fall after it (the distribution is log-concave), so each
 * tail's inner edge is found by bisection and the tail summed outwards only until what is left of it
 * (at most term × ratio / (1 − ratio), the ratio falling from there on) is below 1e-17 of the sum.
 */
export function fisherExactTwoSided(table: TwoByTwo): number | null {
  const { a, b, c, d } = table;
  const n = a + b + c + d;
  if (n === 0) return null;
  const white = a + c;
  const black = b + d;
  const drawn = a + b;
  const logP = (x: number) => logHypergeometric(x, white, black, drawn);
  const lo = Math.max(0, drawn - black);
  const hi = Math.min(drawn, white);
  const mode = Math.min(hi, Math.max(lo, Math.floor(((drawn + 1) * (white + 1)) / (n + 2))));
  const threshold = logP(a) + Math.log(FISHER_RELATIVE_TOLERANCE);
  // The observed table is (within the tolerance) the most likely one: every table counts.
  if (lo === hi || logP(mode) <= threshold) return 1;

  /** The tail beyond `edge` (inclusive), walking by `step` (−1 left, +1 right) up to `end`. */
  const tail = (edge: number, step: -1 | 1, end: number): number => {
    let sum = 0;
    let term = Math.exp(logP(edge));
    for (let x = edge; ; x += step) {
      sum += term;
      if (x === end) return sum;
      const next = Math.exp(logP(x + step));
      const ratio = next / term;
      if (next === 0 || (ratio < 1 && next / (1 - ratio) < sum * 1e-17)) return sum + next;
      term = next;
    }
  };
  /** The x nearest the mode on [from, to] (monotone towards the mode) whose probability is at most the observed one. */
  const innerEdge = (outer: number, inner: number): number | null => {
    if (logP(outer) > threshold) return null;
    // Invariant: logP(outer) <= threshold < logP(inner).
    while (Math.abs(inner - outer) > 1) {
      const middle = Math.floor((outer + inner) / 2);
      if (logP(middle) <= threshold) outer = middle;
      else inner = middle;
    }
    return outer;
  };
  const left = mode > lo ? innerEdge(lo, mode) : null;
  const right = mode < hi ? innerEdge(hi, mode) : null;
  const p = (left === null ? 0 : tail(left, -1, lo)) + (right === null ? 0 : tail(right, 1, hi));
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
