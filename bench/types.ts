/**
 * A benchmark case. `run` is the only part timed; everything else prepares or cleans up.
 * Add a case by writing a file in bench/cases and listing it in bench/cases/index.ts.
 */
export interface BenchCase<S> {
  name: string;
  /** Shown in the table: what the case measures, and any figure worth knowing (e.g. a size). */
  notes?: string;
  /** Timed runs (default 5) after untimed warm-up runs (default 1). */
  runs?: number;
  warmup?: number;
  /**
   * The least this case could cost: the raw prepared statement(s) that read the rows it must read,
   * through better-sqlite3 directly, serialised. Timed in the same run, alternating with `run`, so
   * both see the same machine; the table prints the case as a ratio to it.
   */
  floor?: { name: string; run: (state: S) => unknown };
  /**
   * The register size the case runs over. Cases sharing a `series` are compared across sizes in
   * the growth table, and every sized case is also shown as a ratio to the register floor of its size.
   */
  trainees?: number;
  series?: string;
  /** Once, untimed, before any run: e.g. open a database holding 10,000 trainees. */
  setup?: () => Promise<S>;
  /** Before each run (warm-up included), untimed: e.g. a fresh empty database. */
  beforeEach?: (state: S) => Promise<void>;
  /** The work being measured. A returned string is added to the notes (last run wins). */
  run: (state: S) => Promise<string | void> | string | void;
  afterEach?: (state: S) => Promise<void>;
  teardown?: (state: S) => Promise<void>;
}

/** The list holds cases of different state types; each case is type-checked where it is defined. */
export type AnyBenchCase = BenchCase<unknown>;

export function defineCase<S>(benchCase: BenchCase<S>): AnyBenchCase {
  return benchCase as unknown as AnyBenchCase;
}

/** The series every sized case is compared with: read every trainee row, serialise it. */
export const REGISTER_FLOOR_SERIES = 'register floor';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
