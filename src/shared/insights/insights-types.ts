import { z } from 'zod';
import type { Interval, RateDifference, RiskRatio } from './statistics';
import type { ShownCount } from './suppression';

/** Calendar quarters, `2025-Q3` = July to September 2025: the finest dates a return carries. */
export const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;
export const quarterSchema = z.string().regex(QUARTER_PATTERN, { error: 'Use a quarter such as 2025-Q3' });

export function quarterOf(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** The last day of a quarter, e.g. 2025-Q3 → 2025-09-30. */
export function quarterEnd(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return new Date(Date.UTC(year, q * 3, 0)).toISOString().slice(0, 10);
}

export const insightsFiltersSchema = z.strictObject({
  programme: z.string().trim().min(1).max(200).nullable().optional(),
  grade: z.string().trim().min(1).max(10).nullable().optional(),
  /** An exam's attempt group (AKT, SCA — RCA attempts count with SCA). */
  exam: z.string().trim().min(1).max(20).nullable().optional(),
  period: z
    .strictObject({ from: quarterSchema, to: quarterSchema })
    .refine((p) => p.from <= p.to, { error: 'The period must start before it ends', path: ['to'] })
    .nullable()
    .optional(),
});
export type InsightsFilters = z.output<typeof insightsFiltersSchema>;

/** Two groups compared on one yes/no outcome, e.g. conversation within 4 weeks → passed the next attempt. */
export interface ComparisonIndicatorMeta {
  kind: 'comparison';
  key: string;
  title: string;
  /** Who is counted, in plain words. */
  population: string;
  exposedLabel: string;
  comparisonLabel: string;
  outcomeLabel: string;
  noOutcomeLabel: string;
  /** Exams are the strata of the pooled (Mantel–Haenszel) ratio. */
  stratifiedByExam: boolean;
  /** Said under the figure, e.g. that a trainee who failed twice counts twice. */
  note: string | null;
}

/** How a process is going: counts in categories and the share in some of them. */
export interface ProportionIndicatorMeta {
  kind: 'proportion';
  key: string;
  title: string;
  population: string;
  categories: Array<{ key: string; label: string }>;
  /** The share reported: these categories over all. */
  shareOf: string[];
  shareLabel: string;
  note: string | null;
}

export type IndicatorMeta = ComparisonIndicatorMeta | ProportionIndicatorMeta;

/**
 * Attainment by group (differential attainment): comparisons whose groups come from characteristics
 * recorded for evaluation with the trainee's agreement. Marked by their key, so a return's schema
 * need not change to carry them.
 */
export const ATTAINMENT_PREFIX = 'attainment:';
export const isAttainmentIndicator = (key: string) => key.startsWith(ATTAINMENT_PREFIX);

export const ATTAINMENT_CAVEAT =
  'A gap between groups describes the training system — how recruitment, training, support and assessment ' +
  'serve each group — not the trainees in them. No trainee is marked, flagged or offered support because of a ' +
  'characteristic; support is offered by need. Only trainees who agreed to record the characteristic are counted.';

/** Group keys and outcome keys used in count rows. */
export const EXPOSED = 'exposed';
export const COMPARISON = 'comparison';
export const EVERYONE = 'all';
export const OUTCOME_YES = 'yes';
export const OUTCOME_NO = 'no';
/** Not yet known, e.g. the next attempt has not been sat: left out of the comparison. */
export const OUTCOME_AWAITING = 'awaiting';

/** The unit of everything: how many people (or fails, or offers) fell in one cell. */
export interface CountRow {
  indicator: string;
  /** Attempt group of the exam, or null when the indicator is not about one. */
  exam: string | null;
  programme: string;
  quarter: string;
  group: string;
  outcome: string;
  count: number;
  /** In a combined return: how many sources hid this cell (each was 1 or 2). */
  hiddenSources?: number;
}

export interface RateFigure extends Interval {
  value: number;
}

export interface GroupFigure {
  label: string;
  total: ShownCount;
  outcome: ShownCount;
  noOutcome: ShownCount;
  /** The outcome rate with its Wilson 95% interval; null when hidden or not computable. */
  rate: RateFigure | null;
  /** e.g. "64% (95% CI 45% to 80%)", or why it is not shown. */
  rateText: string;
}

export interface ComparisonFigure {
  kind: 'comparison';
  meta: ComparisonIndicatorMeta;
  exposed: GroupFigure;
  comparison: GroupFigure;
  /** Column totals: everyone with the outcome, without it, and all. */
  totals: { outcome: ShownCount; noOutcome: ShownCount; total: ShownCount };
  /** Exposed rate over comparison rate, Katz 95% interval. */
  riskRatio: RiskRatio | null;
  riskRatioText: string;
  fisherP: number | null;
  fisherPText: string;
  /** The first group's rate minus the second's (Newcombe interval): the gap itself, for attainment by group. */
  difference: RateDifference | null;
  differenceText: string;
  /** Mantel–Haenszel ratio pooled over exams, when there are at least two to pool. */
  pooled: (Interval & { estimate: number; strata: number }) | null;
  pooledText: string | null;
  /** Counted but outcome not yet known (e.g. next attempt not sat). */
  awaiting: ShownCount;
  /** Plain words for the reader: observational caveat, corrections, suppression applied. */
  caveats: string[];
}

export interface ProportionFigure {
  kind: 'proportion';
  meta: ProportionIndicatorMeta;
  categories: Array<{ key: string; label: string; count: ShownCount }>;
  total: ShownCount;
  share: RateFigure | null;
  shareText: string;
  /** Median and IQR of a duration, where the indicator has one and enough people to show it. */
  distribution: { label: string; median: number; lowerQuartile: number; upperQuartile: number; text: string } | null;
  caveats: string[];
}

export type Figure = ComparisonFigure | ProportionFigure;

/** One cell of the heat map: a risk ratio (comparisons) or a share (processes) for one programme. */
export interface HeatMapCell {
  value: number | null;
  lower: number | null;
  upper: number | null;
  text: string;
  /** Where the interval lies: above 1 (or 50%) "higher", below "lower", across it "unclear". */
  direction: 'higher' | 'lower' | 'unclear' | null;
  hiddenReason: string | null;
}

export interface HeatMap {
  rows: Array<{ key: string; title: string; measure: 'risk ratio' | 'share' }>;
  programmes: string[];
  /** cells[row][programme]. */
  cells: HeatMapCell[][];
}

export interface InsightsFigures {
  scope: 'programme data' | 'region';
  threshold: number;
  filters: InsightsFilters;
  figures: Figure[];
  heatMap: HeatMap;
  /** The caveat that goes at the top of the page. */
  caveat: string;
  /** Choices for the filters, from the data itself. */
  options: { programmes: string[]; grades: string[]; exams: string[]; quarters: string[] };
}

export const OBSERVATIONAL_CAVEAT =
  'These figures are observational. Who takes support up, or has a conversation or a readiness discussion, ' +
  'is not decided at random: those who do may differ from those who do not (in time, circumstances, motivation ' +
  'or how close they already were to passing), so a difference between the groups does not show that the ' +
  'support caused it. Small numbers are hidden and intervals are wide for small groups.';
