/**
 * `npm run bench [-- <filter>] [-- --runs N]`
 * Times the app's heavier operations against real encrypted databases in a temp folder and
 * prints one row per case: the median of its timed runs, after untimed warm-up runs.
 * A filter runs only the cases whose name contains it (case-insensitive).
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { BENCH_CASES } from './cases';
import { BENCH_ROOT } from './support';
import type { AnyBenchCase } from './types';

interface Row {
  name: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
  notes: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function measure(benchCase: AnyBenchCase, runsOverride?: number): Promise<Row> {
  const runs = runsOverride ?? benchCase.runs ?? 5;
  const warmup = benchCase.warmup ?? 1;
  const state = benchCase.setup ? await benchCase.setup() : undefined;
  const times: number[] = [];
  let note: string | void = undefined;
  try {
    for (let i = 0; i < warmup + runs; i++) {
      await benchCase.beforeEach?.(state);
      const started = performance.now();
      note = await benchCase.run(state);
      const elapsed = performance.now() - started;
      await benchCase.afterEach?.(state);
      if (i >= warmup) times.push(elapsed);
    }
  } finally {
    await benchCase.teardown?.(state);
  }
  return {
    name: benchCase.name,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    runs,
    notes: [benchCase.notes, note].filter(Boolean).join('; '),
  };
}

function printTable(rows: Row[]): void {
  const table = [
    ['case', 'median ms', 'min–max ms', 'runs', 'notes'],
    ...rows.map((r) => [
      r.name,
      r.medianMs.toFixed(1),
      `${r.minMs.toFixed(0)}–${r.maxMs.toFixed(0)}`,
      String(r.runs),
      r.notes,
    ]),
  ];
  const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
  const numeric = new Set([1, 2, 3]);
  const line = (row: string[]) =>
    row
      .map((cell, col) =>
        col === row.length - 1 ? cell : numeric.has(col) ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!),
      )
      .join('  ');
  console.log(line(table[0]!));
  console.log(widths.map((w, col) => '-'.repeat(col === widths.length - 1 ? 5 : w)).join('  '));
  for (const row of table.slice(1)) console.log(line(row));
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { runs: { type: 'string' } }, allowPositionals: true });
  const runs = values.runs ? Number(values.runs) : undefined;
  if (runs !== undefined && !(Number.isInteger(runs) && runs > 0))
    throw new Error('--runs takes a whole number above 0.');
  const filter = positionals.join(' ').toLowerCase();
  const selected = BENCH_CASES.filter((c) => c.name.toLowerCase().includes(filter));
  if (selected.length === 0) throw new Error(`No benchmark matches “${filter}”.`);

  console.log(
    `TPD Companion benchmarks — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${os.platform()}-${os.arch()}`,
  );
  const started = performance.now();
  const rows: Row[] = [];
  for (const benchCase of selected) {
    process.stdout.write(`  running ${benchCase.name}…\n`);
    rows.push(await measure(benchCase, runs));
  }
  console.log('');
  printTable(rows);
  console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(BENCH_ROOT, { recursive: true, force: true }));
