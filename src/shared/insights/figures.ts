import {
  COMPARISON,
  EXPOSED,
  ATTAINMENT_CAVEAT,
  isAttainmentIndicator,
  OBSERVATIONAL_CAVEAT,
  OUTCOME_AWAITING,
  OUTCOME_NO,
  OUTCOME_YES,
  type ComparisonFigure,
  type ComparisonIndicatorMeta,
  type CountRow,
  type Figure,
  type GroupFigure,
  type HeatMap,
  type HeatMapCell,
  type IndicatorMeta,
  type InsightsFigures,
  type ProportionFigure,
  type ProportionIndicatorMeta,
} from './insights-types';
import {
  fisherExactTwoSided,
  mantelHaenszelRiskRatio,
  medianIqr,
  rateDifference,
  riskRatio,
  wilsonInterval,
  type TwoByTwo,
} from './statistics';
import { isSmall, showCount, suppressCategories, suppressTable, type ShownCount } from './suppression';

/**
 * Turns count rows (from the TPD's own data or from combined returns) into figures ready to show:
 * suppression applied first, then only what the shown counts allow (a rate needs its group and
 * its count shown; a ratio and a p value need the whole table). Pure, so both paths share it.
 */

const percent = (x: number) => `${Math.round(x * 100)}%`;
const ratio = (x: number) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));
/** Percentage points, signed: "+12", "−8", "0". */
const points = (x: number) => {
  const rounded = Math.round(x * 100);
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${-rounded}` : '0';
};

export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

function sumBy(rows: readonly CountRow[], predicate: (row: CountRow) => boolean): number {
  let total = 0;
  for (const row of rows) if (predicate(row)) total += row.count;
  return total;
}

function hiddenIn(rows: readonly CountRow[], predicate: (row: CountRow) => boolean): boolean {
  return rows.some((row) => predicate(row) && (row.hiddenSources ?? 0) > 0);
}

function twoByTwo(rows: readonly CountRow[]): TwoByTwo {
  const cell = (group: string, outcome: string) => sumBy(rows, (r) => r.group === group && r.outcome === outcome);
  return {
    a: cell(EXPOSED, OUTCOME_YES),
    b: cell(EXPOSED, OUTCOME_NO),
    c: cell(COMPARISON, OUTCOME_YES),
    d: cell(COMPARISON, OUTCOME_NO),
  };
}

function groupFigure(label: string, total: ShownCount, outcome: ShownCount, noOutcome: ShownCount, threshold: number) {
  let rate: GroupFigure['rate'] = null;
  let rateText: string;
  if (total.value === null || outcome.value === null) rateText = 'Not shown: too few to show safely';
  else if (total.value === 0) rateText = 'No one in this group';
  else if (total.value < threshold) rateText = `Not shown: fewer than ${threshold} in this group`;
  else {
    const interval = wilsonInterval(outcome.value, total.value)!;
    rate = { value: outcome.value / total.value, ...interval };
    rateText = `${percent(rate.value)} (95% CI ${percent(interval.lower)} to ${percent(interval.upper)})`;
  }
  return { label, total, outcome, noOutcome, rate, rateText } satisfies GroupFigure;
}

export function comparisonFigure(
  meta: ComparisonIndicatorMeta,
  rows: readonly CountRow[],
  threshold: number,
): ComparisonFigure {
  const mine = rows.filter((r) => r.indicator === meta.key);
  const t = twoByTwo(mine);
  const uncertain = hiddenIn(mine, (r) => r.outcome !== OUTCOME_AWAITING);
  const table = suppressTable(
    [
      [t.a, t.b],
      [t.c, t.d],
    ],
    threshold,
  );
  // Cells summed over sources that hid some of their small counts are not exact: show none of the table.
  const hideAll = (c: ShownCount): ShownCount => (uncertain ? showCount(c.value ?? 0, 'secondary', threshold) : c);
  const [[a, b], [c, d]] = table.cells.map((row) => row.map(hideAll)) as [
    [ShownCount, ShownCount],
    [ShownCount, ShownCount],
  ];
  const exposed = groupFigure(meta.exposedLabel, hideAll(table.rowTotals[0]!), a, b, threshold);
  const comparison = groupFigure(meta.comparisonLabel, hideAll(table.rowTotals[1]!), c, d, threshold);
  const complete = !table.anyHidden && !uncertain;
  // Groups by characteristic are not chosen like support is; what needs saying is what a gap means.
  const caveats: string[] = [isAttainmentIndicator(meta.key) ? ATTAINMENT_CAVEAT : OBSERVATIONAL_CAVEAT];
  if (meta.note) caveats.push(meta.note);

  const rr = complete ? riskRatio(t) : null;
  let riskRatioText: string;
  if (!complete) riskRatioText = 'Not shown: part of the table is hidden to protect small numbers';
  else if (!rr) riskRatioText = 'Not computable: a group is empty or no one had the outcome';
  else {
    riskRatioText = `${ratio(rr.estimate)} (95% CI ${ratio(rr.lower)} to ${ratio(rr.upper)})`;
    if (rr.corrected) caveats.push('A count of zero in the table: 0.5 was added to each count to estimate the ratio.');
  }
  // With a group empty there is nothing to compare, and Fisher's p would be a meaningless 1.
  const comparable = t.a + t.b > 0 && t.c + t.d > 0;
  const p = complete && comparable ? fisherExactTwoSided(t) : null;
  const fisherPText =
    p !== null
      ? `${formatP(p)} (Fisher's exact, two-sided)`
      : complete
        ? 'Not computable: a group is empty'
        : 'Not shown: part of the table is hidden to protect small numbers';

  const difference = complete ? rateDifference(t) : null;
  const differenceText = !complete
    ? 'Not shown: part of the table is hidden to protect small numbers'
    : !difference
      ? 'Not computable: a group is empty'
      : `${points(difference.estimate)} percentage points (95% CI ${points(difference.lower)} to ${points(difference.upper)})`;

  let pooled: ComparisonFigure['pooled'] = null;
  let pooledText: string | null = null;
  if (meta.stratifiedByExam) {
    const exams = [...new Set(mine.map((r) => r.exam).filter((e): e is string => e !== null))].sort();
    const strata = exams.map((exam) => twoByTwo(mine.filter((r) => r.exam === exam)));
    // The pooled ratio is a function of each exam's own table, so it needs every one of them free of small counts.
    const strataSafe = strata.every((s) => ![s.a, s.b, s.c, s.d].some((x) => isSmall(x, threshold)));
    if (complete && strata.length >= 2) {
      const mh = strataSafe ? mantelHaenszelRiskRatio(strata) : null;
      if (mh && mh.strata >= 2) {
        pooled = mh;
        pooledText = `${ratio(mh.estimate)} (95% CI ${ratio(mh.lower)} to ${ratio(mh.upper)}), pooled over ${mh.strata} exams (Mantel–Haenszel)`;
      } else
        pooledText = strataSafe
          ? 'Not computable over the exams'
          : 'Pooled over exams: not shown, an exam has too few to show safely';
    }
  }
  const awaitingCount = sumBy(mine, (r) => r.outcome === OUTCOME_AWAITING);
  const awaiting = hiddenIn(mine, (r) => r.outcome === OUTCOME_AWAITING)
    ? showCount(awaitingCount, 'secondary', threshold)
    : showCount(awaitingCount, isSmall(awaitingCount, threshold) ? 'small' : 'none', threshold);
  if (awaitingCount > 0) caveats.push(`${awaiting.text} more whose outcome is not known yet are left out.`);
  if (uncertain) caveats.push('Some returns hid small counts in this table, so the combined counts are not exact.');
  else if (table.anyHidden)
    caveats.push(
      `Counts under ${threshold} show as “<${threshold}”; counts shown as “—” are hidden so the small ones cannot be worked out.`,
    );
  return {
    kind: 'comparison',
    meta,
    exposed,
    comparison,
    totals: {
      outcome: hideAll(table.columnTotals[0]!),
      noOutcome: hideAll(table.columnTotals[1]!),
      total: hideAll(table.total),
    },
    riskRatio: rr,
    riskRatioText,
    fisherP: p,
    fisherPText,
    difference,
    differenceText,
    pooled,
    pooledText,
    awaiting,
    caveats,
  };
}

export function proportionFigure(
  meta: ProportionIndicatorMeta,
  rows: readonly CountRow[],
  threshold: number,
  durations?: { label: string; values: readonly number[] },
): ProportionFigure {
  const mine = rows.filter((r) => r.indicator === meta.key);
  const uncertain = hiddenIn(mine, () => true);
  const counts = meta.categories.map((cat) => sumBy(mine, (r) => r.outcome === cat.key));
  const shown = suppressCategories(counts, threshold);
  const categories = meta.categories.map((cat, i) => ({
    key: cat.key,
    label: cat.label,
    count: uncertain ? showCount(counts[i]!, 'secondary', threshold) : shown.categories[i]!,
  }));
  const total = uncertain ? showCount(shown.total.value ?? 0, 'secondary', threshold) : shown.total;
  const shareCount = counts.filter((_, i) => meta.shareOf.includes(meta.categories[i]!.key)).reduce((s, x) => s + x, 0);
  const shareShown = categories.every(
    (c, i) => c.count.value !== null || !meta.shareOf.includes(meta.categories[i]!.key),
  );
  const n = counts.reduce((s, x) => s + x, 0);
  let share: ProportionFigure['share'] = null;
  let shareText: string;
  if (total.value === null || !shareShown || uncertain) shareText = 'Not shown: too few to show safely';
  else if (n === 0) shareText = 'No one to count yet';
  else if (n < threshold) shareText = `Not shown: fewer than ${threshold} counted`;
  else {
    const interval = wilsonInterval(shareCount, n)!;
    share = { value: shareCount / n, ...interval };
    shareText = `${percent(share.value)} (95% CI ${percent(interval.lower)} to ${percent(interval.upper)})`;
  }
  const caveats: string[] = [];
  if (meta.note) caveats.push(meta.note);
  if (shown.anyHidden && !uncertain)
    caveats.push(`Counts under ${threshold} show as “<${threshold}”; “—” hides a count so they cannot be worked out.`);
  if (uncertain) caveats.push('Some returns hid small counts here, so the combined counts are not exact.');
  let distribution: ProportionFigure['distribution'] = null;
  if (durations) {
    const summary = medianIqr(durations.values);
    if (summary && summary.n >= threshold)
      distribution = {
        label: durations.label,
        median: summary.median,
        lowerQuartile: summary.lowerQuartile,
        upperQuartile: summary.upperQuartile,
        text: `median ${summary.median} days (IQR ${summary.lowerQuartile} to ${summary.upperQuartile}), ${summary.n} conversations`,
      };
    else caveats.push(`${durations.label}: not shown, fewer than ${threshold} to summarise.`);
  }
  return { kind: 'proportion', meta, categories, total, share, shareText, distribution, caveats };
}

function heatCell(figure: Figure): HeatMapCell {
  if (figure.kind === 'comparison') {
    const rr = figure.riskRatio;
    if (!rr)
      return { value: null, lower: null, upper: null, text: '—', direction: null, hiddenReason: figure.riskRatioText };
    const direction = rr.lower > 1 ? 'higher' : rr.upper < 1 ? 'lower' : 'unclear';
    return {
      value: rr.estimate,
      lower: rr.lower,
      upper: rr.upper,
      text: ratio(rr.estimate),
      direction,
      hiddenReason: null,
    };
  }
  const share = figure.share;
  if (!share)
    return { value: null, lower: null, upper: null, text: '—', direction: null, hiddenReason: figure.shareText };
  const direction = share.lower > 0.5 ? 'higher' : share.upper < 0.5 ? 'lower' : 'unclear';
  return {
    value: share.value,
    lower: share.lower,
    upper: share.upper,
    text: percent(share.value),
    direction,
    hiddenReason: null,
  };
}

export function figureFor(meta: IndicatorMeta, rows: readonly CountRow[], threshold: number): Figure {
  return meta.kind === 'comparison' ? comparisonFigure(meta, rows, threshold) : proportionFigure(meta, rows, threshold);
}

/**
 * Indicators by programme (scheme). A cell shows only a ratio or a share, never counts, and only
 * when that programme's own table is shown whole, so cells cannot be subtracted from totals.
 */
export function heatMap(metas: readonly IndicatorMeta[], rows: readonly CountRow[], threshold: number): HeatMap {
  const programmes = [...new Set(rows.map((r) => r.programme))].sort((a, b) => a.localeCompare(b));
  const byProgramme = new Map(programmes.map((p) => [p, rows.filter((r) => r.programme === p)]));
  return {
    rows: metas.map((m) => ({ key: m.key, title: m.title, measure: m.kind === 'comparison' ? 'risk ratio' : 'share' })),
    programmes,
    cells: metas.map((m) => programmes.map((p) => heatCell(figureFor(m, byProgramme.get(p)!, threshold)))),
  };
}

export function buildFigures(input: {
  scope: InsightsFigures['scope'];
  metas: readonly IndicatorMeta[];
  rows: readonly CountRow[];
  threshold: number;
  filters: InsightsFigures['filters'];
  options: InsightsFigures['options'];
  durations?: Record<string, { label: string; values: readonly number[] }>;
}): InsightsFigures {
  const { metas, rows, threshold } = input;
  const figures = metas.map((meta) =>
    meta.kind === 'comparison'
      ? comparisonFigure(meta, rows, threshold)
      : proportionFigure(meta, rows, threshold, input.durations?.[meta.key]),
  );
  return {
    scope: input.scope,
    threshold,
    filters: input.filters,
    figures,
    // Attainment by group stays at the level of the whole cohort: no breakdown by programme.
    heatMap: heatMap(
      metas.filter((m) => !isAttainmentIndicator(m.key)),
      rows.filter((r) => !isAttainmentIndicator(r.indicator)),
      threshold,
    ),
    caveat: OBSERVATIONAL_CAVEAT,
    options: input.options,
  };
}
