/**
 * Small numbers are never shown. A count from 1 to threshold − 1 shows as "<threshold" (primary
 * suppression); zero may show. Then, wherever what is still shown (a row or column total, the
 * group total) would let a hidden count be worked out, a second count is hidden too, shown as "—"
 * (secondary suppression), until no small count can be pinned to one value.
 *
 * What a reader is assumed to know (and the property test plays the reader): every shown number;
 * that each row and column adds up to its total; that counts are whole numbers ≥ 0; and that a
 * "<3" count is 1 or 2. "—" means only "hidden": it may be any count, small ones included, because
 * when even "<3" would give a small count away (a group of 2 shown as "<3" with two "<3" cells must
 * be 1 and 1) that count is shown as "—" instead.
 */

export const SUPPRESSION_THRESHOLDS = [3, 5, 10] as const;
export type SuppressionThreshold = (typeof SUPPRESSION_THRESHOLDS)[number];
export const DEFAULT_SUPPRESSION_THRESHOLD: SuppressionThreshold = 3;

/** How one count is shown. `value` is null whenever it is hidden. */
export type Suppression = 'none' | 'small' | 'secondary';
export interface ShownCount {
  value: number | null;
  text: string;
  suppression: Suppression;
}

export const SECONDARY_MARK = '—';

export function isSmall(count: number, threshold: number): boolean {
  return count >= 1 && count < threshold;
}

export function showCount(value: number, suppression: Suppression, threshold: number): ShownCount {
  if (suppression === 'small') return { value: null, text: `<${threshold}`, suppression };
  if (suppression === 'secondary') return { value: null, text: SECONDARY_MARK, suppression };
  return { value, text: String(value), suppression };
}

/** A set of counts and the sums that tie them together: `parts` add up to `whole` (indices). */
export interface Layout {
  size: number;
  lines: ReadonlyArray<{ parts: readonly number[]; whole: number }>;
}

type Domain = { lo: number; hi: number };

function domainOf(status: Suppression, threshold: number): Domain {
  return status === 'small' ? { lo: 1, hi: threshold - 1 } : { lo: 0, hi: Number.POSITIVE_INFINITY };
}

function tighten(domain: Domain, lo: number, hi: number): boolean {
  const newLo = Math.max(domain.lo, lo);
  const newHi = Math.min(domain.hi, hi);
  const changed = newLo !== domain.lo || newHi !== domain.hi;
  domain.lo = newLo;
  domain.hi = newHi;
  return changed;
}

/** Hidden counts pinned to one value by bounds: each sum limits its parts, and back. */
function pinnedByBounds(
  values: readonly number[],
  status: readonly Suppression[],
  layout: Layout,
  threshold: number,
): Set<number> {
  const domains: Domain[] = values.map((v, i) =>
    status[i] === 'none' ? { lo: v, hi: v } : domainOf(status[i]!, threshold),
  );
  for (let round = 0, changed = true; changed && round < 50; round++) {
    changed = false;
    for (const { parts, whole } of layout.lines) {
      const partsLo = parts.reduce((s, i) => s + domains[i]!.lo, 0);
      const partsHi = parts.reduce((s, i) => s + domains[i]!.hi, 0);
      if (status[whole] !== 'none') changed = tighten(domains[whole]!, partsLo, partsHi) || changed;
      for (const i of parts) {
        if (status[i] === 'none') continue;
        const d = domains[i]!;
        // Summed afresh rather than subtracted: ∞ − ∞ would give NaN.
        const others = parts.filter((k) => k !== i);
        const othersLo = others.reduce((s, k) => s + domains[k]!.lo, 0);
        const othersHi = others.reduce((s, k) => s + domains[k]!.hi, 0);
        changed = tighten(d, domains[whole]!.lo - othersHi, domains[whole]!.hi - othersLo) || changed;
      }
    }
  }
  const pinned = new Set<number>();
  domains.forEach((d, i) => {
    if (status[i] !== 'none' && d.lo === d.hi) pinned.add(i);
  });
  return pinned;
}

/** Hidden counts that the sums determine exactly (Gaussian elimination over the hidden unknowns). */
function pinnedByAlgebra(status: readonly Suppression[], layout: Layout): Set<number> {
  const hidden = status.flatMap((s, i) => (s === 'none' ? [] : [i]));
  const column = new Map(hidden.map((index, col) => [index, col]));
  const rows: number[][] = layout.lines
    .map(({ parts, whole }) => {
      const row = new Array<number>(hidden.length).fill(0);
      for (const i of parts) if (column.has(i)) row[column.get(i)!]! += 1;
      if (column.has(whole)) row[column.get(whole)!]! -= 1;
      return row;
    })
    .filter((row) => row.some((x) => x !== 0));
  // Reduced row echelon form; x_k is determined iff some reduced row is exactly e_k.
  const pivots: number[] = [];
  let r = 0;
  for (let col = 0; col < hidden.length && r < rows.length; col++) {
    const pivot = rows.findIndex((row, i) => i >= r && Math.abs(row[col]!) > 1e-9);
    if (pivot < 0) continue;
    [rows[r], rows[pivot]] = [rows[pivot]!, rows[r]!];
    const lead = rows[r]![col]!;
    rows[r] = rows[r]!.map((x) => x / lead);
    for (let i = 0; i < rows.length; i++) {
      if (i === r || Math.abs(rows[i]![col]!) < 1e-9) continue;
      const factor = rows[i]![col]!;
      rows[i] = rows[i]!.map((x, k) => x - factor * rows[r]![k]!);
    }
    pivots.push(col);
    r++;
  }
  const pinned = new Set<number>();
  for (let i = 0; i < r; i++) {
    const nonZero = rows[i]!.flatMap((x, k) => (Math.abs(x) > 1e-9 ? [k] : []));
    if (nonZero.length === 1) pinned.add(hidden[nonZero[0]!]!);
  }
  return pinned;
}

/**
 * Hidden counts a reader could pin down from what is shown: by bounds and by solving the sums,
 * each feeding the other (a count pinned by bounds is as good as shown for the algebra).
 */
function pinnedCounts(
  values: readonly number[],
  status: readonly Suppression[],
  layout: Layout,
  threshold: number,
): Set<number> {
  const known = [...status];
  const pinned = new Set<number>();
  for (;;) {
    const found = [...pinnedByAlgebra(known, layout), ...pinnedByBounds(values, known, layout, threshold)].filter(
      (i) => !pinned.has(i),
    );
    if (found.length === 0) return pinned;
    for (const i of found) {
      pinned.add(i);
      known[i] = 'none';
    }
  }
}

/**
 * The small counts (1 to threshold − 1) a reader could work out exactly. A count hidden as "—"
 * may be pinned (it is then 0 or at least the threshold: a small one is never left pinned).
 */
export function exposedCounts(
  values: readonly number[],
  status: readonly Suppression[],
  layout: Layout,
  threshold: number,
): number[] {
  return [...pinnedCounts(values, status, layout, threshold)]
    .filter((i) => status[i] === 'small')
    .sort((x, y) => x - y);
}

/**
 * Primary then secondary suppression over any layout. For each pinned small count, the next count
 * to hide is a shown one on the same sums: inner cells before totals, then the smallest non-zero
 * count (it says least), zeros last. When every count on those sums is already hidden, a pinned
 * small count is shown as "—" instead of "<threshold", which takes away what gave it away.
 */
export function suppressLayout(
  values: readonly number[],
  layout: Layout,
  threshold: number,
  isTotal: (index: number) => boolean = () => false,
): Suppression[] {
  const status: Suppression[] = values.map((v) => (isSmall(v, threshold) ? 'small' : 'none'));
  if (!status.some((s) => s !== 'none')) return status;
  const rank = (i: number) => [isTotal(i) ? 1 : 0, values[i] === 0 ? 1 : 0, values[i]!] as const;
  const better = (i: number, j: number) => {
    const [a, b] = [rank(i), rank(j)];
    return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || i - j;
  };
  // Each round hides one more count or relabels one, so this ends within 2 × size rounds.
  for (let guard = 0; guard <= 2 * values.length; guard++) {
    const pinned = [...pinnedCounts(values, status, layout, threshold)];
    const exposed = pinned.filter((i) => status[i] === 'small');
    if (exposed.length === 0) break;
    const onSameSums = layout.lines
      .filter((line) => pinned.some((target) => line.whole === target || line.parts.includes(target)))
      .flatMap((line) => [...line.parts, line.whole]);
    const candidates = [...new Set(onSameSums)].filter((i) => status[i] === 'none').sort(better);
    if (candidates.length > 0) status[candidates[0]!] = 'secondary';
    else status[exposed.sort(better)[0]!] = 'secondary';
  }
  return status;
}

/** A table of counts (rows × columns) shown with its row totals, column totals and grand total. */
export interface SuppressedTable {
  cells: ShownCount[][];
  rowTotals: ShownCount[];
  columnTotals: ShownCount[];
  total: ShownCount;
  /** True when any count in the table is hidden. */
  anyHidden: boolean;
}

/** Where each count of an r × c table with margins sits in the flat layout. */
export function tableLayout(rows: number, columns: number) {
  const cell = (i: number, j: number) => i * columns + j;
  const rowTotal = (i: number) => rows * columns + i;
  const columnTotal = (j: number) => rows * columns + rows + j;
  const grand = rows * columns + rows + columns;
  const lines: Array<{ parts: number[]; whole: number }> = [];
  for (let i = 0; i < rows; i++)
    lines.push({ parts: Array.from({ length: columns }, (_, j) => cell(i, j)), whole: rowTotal(i) });
  for (let j = 0; j < columns; j++)
    lines.push({ parts: Array.from({ length: rows }, (_, i) => cell(i, j)), whole: columnTotal(j) });
  lines.push({ parts: Array.from({ length: rows }, (_, i) => rowTotal(i)), whole: grand });
  lines.push({ parts: Array.from({ length: columns }, (_, j) => columnTotal(j)), whole: grand });
  return { layout: { size: grand + 1, lines } satisfies Layout, cell, rowTotal, columnTotal, grand };
}

export function flattenTable(cells: readonly (readonly number[])[]): number[] {
  const columns = cells[0]?.length ?? 0;
  const rowTotals = cells.map((row) => row.reduce((s, x) => s + x, 0));
  const columnTotals = Array.from({ length: columns }, (_, j) => cells.reduce((s, row) => s + row[j]!, 0));
  const grand = rowTotals.reduce((s, x) => s + x, 0);
  return [...cells.flat(), ...rowTotals, ...columnTotals, grand];
}

/** Suppresses a table shown with all its totals (e.g. groups × passed / did not pass). */
export function suppressTable(cells: readonly (readonly number[])[], threshold: number): SuppressedTable {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  const { layout, cell, rowTotal, columnTotal, grand } = tableLayout(rows, columns);
  const values = flattenTable(cells);
  const status = suppressLayout(values, layout, threshold, (i) => i >= rows * columns);
  const shown = (i: number) => showCount(values[i]!, status[i]!, threshold);
  return {
    cells: cells.map((row, i) => row.map((_, j) => shown(cell(i, j)))),
    rowTotals: cells.map((_, i) => shown(rowTotal(i))),
    columnTotals: Array.from({ length: columns }, (_, j) => shown(columnTotal(j))),
    total: shown(grand),
    anyHidden: status.some((s) => s !== 'none'),
  };
}

/** Suppresses a list of categories shown with their total (e.g. offers closed / still open). */
export function suppressCategories(
  counts: readonly number[],
  threshold: number,
): { categories: ShownCount[]; total: ShownCount; anyHidden: boolean } {
  const total = counts.reduce((s, x) => s + x, 0);
  const values = [...counts, total];
  const layout: Layout = { size: values.length, lines: [{ parts: counts.map((_, i) => i), whole: counts.length }] };
  const status = suppressLayout(values, layout, threshold, (i) => i === counts.length);
  return {
    categories: counts.map((v, i) => showCount(v, status[i]!, threshold)),
    total: showCount(total, status[counts.length]!, threshold),
    anyHidden: status.some((s) => s !== 'none'),
  };
}
