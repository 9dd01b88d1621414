import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  flattenTable,
  isSmall as isSmallCount,
  suppressCategories,
  suppressTable,
  tableLayout,
  type SuppressedTable,
  type ShownCount,
} from '../../src/shared/insights/suppression';

const texts = (counts: ShownCount[]) => counts.map((c) => c.text);

/**
 * The reader: every whole-number table that agrees with what is shown, values up to `bound`.
 * Shown counts are fixed, "<t" is 1…t−1, "—" is any count. Returns, for each hidden position of
 * the flat layout (cells, row totals, column totals, grand total), the set of values that fit.
 */
function valuesThatFit(shown: SuppressedTable, threshold: number, bound: number): Map<number, Set<number>> {
  const rows = shown.cells.length;
  const columns = shown.cells[0]!.length;
  const flat = [...shown.cells.flat(), ...shown.rowTotals, ...shown.columnTotals, shown.total];
  const fits = (i: number, v: number) => {
    const s = flat[i]!;
    if (s.suppression === 'none') return v === s.value;
    if (s.suppression === 'small') return v >= 1 && v < threshold;
    return v >= 0;
  };
  const { cell, rowTotal, columnTotal, grand } = tableLayout(rows, columns);
  const seen = new Map<number, Set<number>>();
  flat.forEach((s, i) => s.suppression !== 'none' && seen.set(i, new Set()));
  const cells = new Array<number>(rows * columns).fill(0);
  const small = [...seen.keys()].filter((i) => flat[i]!.suppression === 'small');
  const done = () => small.every((i) => seen.get(i)!.size > 1);
  const record = () => {
    const values = flattenTable(Array.from({ length: rows }, (_, i) => cells.slice(i * columns, (i + 1) * columns)));
    if (!values.every((v, i) => fits(i, v))) return;
    for (const [i, set] of seen) set.add(values[i]!);
  };
  // The most a total can be: its shown value, threshold − 1 when "<t", else the bound.
  const most = (i: number) => flat[i]!.value ?? (flat[i]!.suppression === 'small' ? threshold - 1 : Infinity);
  const walk = (k: number): void => {
    if (done()) return;
    if (k === rows * columns) return record();
    const [i, j] = [Math.floor(k / columns), k % columns];
    const rowSoFar = cells.slice(i * columns, k).reduce((s, x) => s + x, 0);
    let columnSoFar = 0;
    for (let r = 0; r < i; r++) columnSoFar += cells[cell(r, j)]!;
    const allSoFar = cells.slice(0, k).reduce((s, x) => s + x, 0);
    const rowShown = flat[rowTotal(i)]!.value;
    const columnShown = flat[columnTotal(j)]!.value;
    // A shown total fixes the last cell of its line; otherwise try every value that fits.
    let options = Array.from({ length: bound + 1 }, (_, v) => v);
    if (j === columns - 1 && rowShown !== null) options = [rowShown - rowSoFar];
    if (i === rows - 1 && columnShown !== null) options = options.filter((v) => v === columnShown - columnSoFar);
    for (const v of options) {
      if (rowSoFar + v > most(rowTotal(i)) || columnSoFar + v > most(columnTotal(j)) || allSoFar + v > most(grand))
        break;
      if (v < 0 || !fits(k, v)) continue;
      cells[k] = v;
      walk(k + 1);
    }
    cells[k] = 0;
  };
  walk(0);
  return seen;
}

function expectSmallCountsSafe(table: SuppressedTable, threshold: number) {
  const flat = [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total];
  for (const [i, values] of valuesThatFit(table, threshold, 60))
    if (flat[i]!.suppression === 'small') expect(values.size).toBeGreaterThan(1);
}

describe('primary suppression', () => {
  it('shows 1 to threshold − 1 as "<threshold" and lets zero show', () => {
    const table = suppressTable(
      [
        [0, 12],
        [7, 9],
      ],
      3,
    );
    expect(texts(table.cells[0]!)).toEqual(['0', '12']);
    expect(table.anyHidden).toBe(false);
    const small = suppressTable(
      [
        [4, 12],
        [7, 9],
      ],
      5,
    );
    expect(small.cells[0]![0]!.text).toBe('<5');
    expect(small.cells[0]![0]!.value).toBeNull();
  });
});

describe('secondary suppression', () => {
  it('hides a second cell in the row and column so the totals do not give the small one away', () => {
    // Passed / not passed for two groups: the 2 must not be recoverable from 12 − 10 or 9 − 7.
    const table = suppressTable(
      [
        [2, 10],
        [7, 8],
      ],
      3,
    );
    expect(table.cells[0]![0]!.text).toBe('<3');
    // The whole 2×2 goes: a hidden cell in each row and column forms a cycle the totals cannot break.
    expect(texts(table.cells.flat()).filter((t) => t === '—')).toHaveLength(3);
    expect(texts(table.rowTotals)).toEqual(['12', '15']);
    expect(texts(table.columnTotals)).toEqual(['9', '18']);
    expect(table.total.text).toBe('27');
  });

  it('hides a total when it equals the one hidden cell in its row', () => {
    const table = suppressTable(
      [
        [2, 0],
        [8, 9],
      ],
      3,
    );
    // Row 1 is "<3, 0, total 2": the total is itself small, so it is hidden too.
    expect(table.rowTotals[0]!.text).toBe('<3');
    expectSmallCountsSafe(table, 3);
  });

  it('protects a list of categories and their total', () => {
    const shown = suppressCategories([1, 40, 6], 3);
    expect(texts(shown.categories)).toEqual(['<3', '40', '—']);
    expect(shown.total.text).toBe('47');
    expect(suppressCategories([0, 40], 3).anyHidden).toBe(false);
  });

  it('hides a group total under the threshold', () => {
    const table = suppressTable(
      [
        [1, 1],
        [5, 9],
      ],
      3,
    );
    expect(table.rowTotals[0]!.text).toBe('<3');
    expectSmallCountsSafe(table, 3);
  });
});

describe('no hidden count can be worked out from what is shown (property)', () => {
  // Mostly small counts (where suppression bites), some larger; shapes up to the 2 × 3 the figures use.
  const count = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 4 }) }, fc.integer({ min: 0, max: 12 }));
  const table = fc
    .record({ rows: fc.integer({ min: 1, max: 2 }), columns: fc.integer({ min: 1, max: 3 }) })
    .chain(({ rows, columns }) =>
      fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
    );

  it('holds for random tables with their totals, at every allowed threshold', () => {
    fc.assert(
      fc.property(table, fc.constantFrom(3, 5, 10), (cells, threshold) => {
        const shown = suppressTable(cells, threshold);
        const flat = flattenTable(cells);
        const visible = [...shown.cells.flat(), ...shown.rowTotals, ...shown.columnTotals, shown.total];
        // Nothing small is shown, and everything shown is the true count.
        visible.forEach((s, i) => {
          if (s.value !== null) expect(s.value).toBe(flat[i]);
          if (flat[i]! >= 1 && flat[i]! < threshold) expect(s.value).toBeNull();
          if (s.suppression === 'small') expect(flat[i]).toBeLessThan(threshold);
        });
        // The reader finds at least two values for every hidden count.
        const bound = Math.max(...flat) + threshold;
        for (const [i, values] of valuesThatFit(shown, threshold, bound)) {
          // A count hidden for another's sake may be pinned (it is 0 or ≥ threshold); a small one never.
          if (visible[i]!.suppression === 'small')
            expect(values.size, `position ${i} of ${JSON.stringify(cells)} at ${threshold}`).toBeGreaterThan(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('holds for lists of categories with their total', () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 5 }), fc.constantFrom(3, 5, 10), (counts, threshold) => {
        const shown = suppressCategories(counts, threshold);
        const total = counts.reduce((s, x) => s + x, 0);
        shown.categories.forEach((c, i) => {
          if (isSmallCount(counts[i]!, threshold)) expect(c.value).toBeNull();
        });
        if (isSmallCount(total, threshold)) expect(shown.total.value).toBeNull();
        // The reader's only sum: the categories add up to the total.
        const hidden = shown.categories.flatMap((c, i) => (c.value === null ? [i] : []));
        const small = hidden.filter((i) => shown.categories[i]!.suppression === 'small');
        if (shown.total.value !== null && small.length > 0) {
          const rest = shown.total.value - shown.categories.reduce((s, c) => s + (c.value ?? 0), 0);
          // One hidden category would be the rest; several small ones summing to their minimum or maximum are pinned.
          expect(hidden.length).toBeGreaterThan(1);
          const allSmall = small.length === hidden.length;
          if (allSmall) expect(rest).not.toBe(hidden.length);
          if (allSmall) expect(rest).not.toBe(hidden.length * (threshold - 1));
        }
      }),
      { numRuns: 300 },
    );
  });
});
