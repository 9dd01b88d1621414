import { describe, expect, it } from 'vitest';
import { buildFigures, comparisonFigure } from '../../src/shared/insights/figures';
import type { ComparisonIndicatorMeta, CountRow } from '../../src/shared/insights/insights-types';

const META: ComparisonIndicatorMeta = {
  kind: 'comparison',
  key: 'post-fail-conversation',
  title: 'Post-fail conversation within 4 weeks',
  population: 'Exam fails',
  exposedLabel: 'Conversation within 4 weeks',
  comparisonLabel: 'No conversation within 4 weeks',
  outcomeLabel: 'Passed the next attempt',
  noOutcomeLabel: 'Did not pass the next attempt',
  stratifiedByExam: true,
  note: null,
};

/** Count rows for one exam and programme from a 2×2 [a, b, c, d]. */
function rows(exam: string, programme: string, [a, b, c, d]: number[], hiddenSources = 0): CountRow[] {
  return (
    [
      ['exposed', 'yes', a],
      ['exposed', 'no', b],
      ['comparison', 'yes', c],
      ['comparison', 'no', d],
    ] as const
  ).map(([group, outcome, count]) => ({
    indicator: META.key,
    exam,
    programme,
    quarter: '2025-Q3',
    group,
    outcome,
    count: count!,
    hiddenSources,
  }));
}

describe('comparison figures', () => {
  it('pools over exams with Mantel–Haenszel when every exam’s table can be shown', () => {
    // AKT [[4, 6], [3, 8]] and SCA [[7, 3], [5, 10]], by hand as in the statistics test:
    // Σ a·n2/N = 4·11/21 + 7·15/25 = 6.295238; Σ c·n1/N = 3·10/21 + 5·10/25 = 3.428571 → 1.8361111 (0.92 to 3.65).
    const figure = comparisonFigure(
      META,
      [...rows('AKT', 'North', [4, 6, 3, 8]), ...rows('SCA', 'North', [7, 3, 5, 10])],
      3,
    );
    expect(figure.exposed.total.text).toBe('20');
    expect(figure.riskRatio!.estimate).toBeCloseTo(11 / 20 / (8 / 26), 6);
    expect(figure.pooled!.estimate).toBeCloseTo(1.8361111, 6);
    expect(figure.pooledText).toBe('1.84 (95% CI 0.92 to 3.65), pooled over 2 exams (Mantel–Haenszel)');
  });

  it('does not pool when an exam’s own table has a small count', () => {
    const figure = comparisonFigure(
      META,
      [...rows('AKT', 'North', [4, 6, 2, 8]), ...rows('SCA', 'North', [7, 3, 1, 10])],
      3,
    );
    expect(figure.riskRatio).not.toBeNull();
    expect(figure.pooled).toBeNull();
    expect(figure.pooledText).toMatch(/an exam has too few/);
  });

  it('says so when a group is empty instead of giving a p value of 1', () => {
    const figure = comparisonFigure(META, rows('AKT', 'North', [0, 0, 6, 9]), 3);
    expect(figure.exposed.rateText).toBe('No one in this group');
    expect(figure.fisherP).toBeNull();
    expect(figure.fisherPText).toBe('Not computable: a group is empty');
  });

  it('hides a whole combined table when a source hid one of its cells', () => {
    const figure = comparisonFigure(
      META,
      [...rows('AKT', 'East', [6, 4, 5, 9]), ...rows('AKT', 'West', [0, 3, 4, 5], 1)],
      3,
    );
    expect(figure.exposed.outcome.text).toBe('—');
    expect(figure.riskRatio).toBeNull();
    expect(figure.caveats.join(' ')).toMatch(/not exact/);
  });
});

describe('the heat map', () => {
  it('shows each programme’s ratio only when its own table is whole, with the direction of its interval', () => {
    const figures = buildFigures({
      scope: 'region',
      metas: [META],
      rows: [
        ...rows('AKT', 'East', [30, 10, 10, 30]),
        ...rows('AKT', 'West', [2, 8, 7, 9]),
        ...rows('AKT', 'North', [5, 5, 5, 5]),
      ],
      threshold: 3,
      filters: {},
      options: { programmes: [], grades: [], exams: [], quarters: [] },
    });
    expect(figures.heatMap.programmes).toEqual(['East', 'North', 'West']);
    const [east, north, west] = figures.heatMap.cells[0]!;
    expect(east).toMatchObject({ text: '3.00', direction: 'higher', hiddenReason: null });
    expect(north).toMatchObject({ text: '1.00', direction: 'unclear' });
    expect(west).toMatchObject({ value: null, text: '—', direction: null });
    expect(west!.hiddenReason).toMatch(/hidden to protect small numbers/);
  });
});
