/**
 * `npm run bench [-- <filter>] [-- --runs N] [-- --sizes 1000,10000] [-- --sized]` (--sized: only the cases run at each register size)
 * Times the app's heavier operations against real encrypted databases in a temp folder and
 * prints one row per case: the median of its timed runs (after untimed warm-up runs), beside
 * the median of its floor (the raw statements that read the rows it must read) timed in the
 * same run, as a ratio. Sized cases run at each register size, smallest first; the growth table
 * compares them across sizes, and the memory table gives this process's peak after each size.
 * A filter runs only the cases whose name contains it (case-insensitive).
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { BENCH_CASES } from './cases';
import { BENCH_ROOT, closeDemosExcept } from './support';
import { median, REGISTER_FLOOR_SERIES, type AnyBenchCase } from './types';

interface Row {
  name: string;
  trainees: number | undefined;
  series: string | undefined;
  medianMs: number;
  minMs: number;
  maxMs: number;
  floorName: string | undefined;
  floorMs: number | undefined;
  runs: number;
  notes: string;
}

interface MemoryRow {
  trainees: number;
  peakRssMb: number;
  heapUsedMb: number;
}

async function measure(benchCase: AnyBenchCase, runsOverride?: number): Promise<Row> {
  const runs = runsOverride ?? benchCase.runs ?? 5;
  const warmup = benchCase.warmup ?? 1;
  const state = benchCase.setup ? await benchCase.setup() : undefined;
  const times: number[] = [];
  const floorTimes: number[] = [];
  let note: string | void = undefined;
  try {
    for (let i = 0; i < warmup + runs; i++) {
      if (benchCase.floor) {
        const floorStarted = performance.now();
        await benchCase.floor.run(state);
        if (i >= warmup) floorTimes.push(performance.now() - floorStarted);
      }
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
    trainees: benchCase.trainees,
    series: benchCase.series,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    floorName: benchCase.floor?.name,
    floorMs: floorTimes.length ? median(floorTimes) : undefined,
    runs,
    notes: [benchCase.notes, note].filter(Boolean).join('; '),
  };
}

function printTable(table: string[][], numeric: Set<number>): void {
  const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
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

const ms = (value: number | undefined) => (value === undefined ? '' : value.toFixed(1));
const times = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(2)}×`);

function registerFloorMs(rows: Row[], trainees: number | undefined): number | undefined {
  if (trainees === undefined) return undefined;
  return rows.find((r) => r.series === REGISTER_FLOOR_SERIES && r.trainees === trainees)?.medianMs;
}

function printCases(rows: Row[]): void {
  printTable(
    [
      ['case', 'trainees', 'median ms', 'min–max ms', 'floor ms', '× floor', '× register', 'runs', 'notes'],
      ...rows.map((r) => {
        const register = registerFloorMs(rows, r.trainees);
        return [
          r.name,
          r.trainees?.toLocaleString('en-GB') ?? '',
          ms(r.medianMs),
          `${r.minMs.toFixed(0)}–${r.maxMs.toFixed(0)}`,
          ms(r.floorMs),
          times(r.floorMs ? r.medianMs / r.floorMs : undefined),
          r.series === REGISTER_FLOOR_SERIES ? '' : times(register ? r.medianMs / register : undefined),
          String(r.runs),
          [r.floorName ? `floor: ${r.floorName}` : '', r.notes].filter(Boolean).join('; '),
        ];
      }),
    ],
    new Set([1, 2, 3, 4, 5, 6, 7]),
  );
}

/** How each series' cost grows with the register, beside how the register grows. */
function printGrowth(rows: Row[]): void {
  const sized = rows.filter((r) => r.series && r.trainees);
  const sizes = [...new Set(sized.map((r) => r.trainees!))].sort((a, b) => a - b);
  const series = [...new Set(sized.map((r) => r.series!))];
  if (sizes.length < 2) return;
  const steps = sizes.slice(1).map((size, i) => [sizes[i]!, size] as const);
  console.log('\nGrowth (median ms at each size; each step’s cost growth beside the register’s)');
  printTable(
    [
      [
        'series',
        ...sizes.map((s) => `${s.toLocaleString('en-GB')} ms`),
        ...steps.map(([a, b]) => `${a / 1000}k→${b / 1000}k (register ×${b / a})`),
      ],
      ...series.map((name) => {
        const at = (size: number) => sized.find((r) => r.series === name && r.trainees === size)?.medianMs;
        return [
          name,
          ...sizes.map((s) => ms(at(s))),
          ...steps.map(([a, b]) => {
            const from = at(a);
            const to = at(b);
            return from && to ? `×${(to / from).toFixed(2)}` : '';
          }),
        ];
      }),
    ],
    new Set(sizes.map((_, i) => i + 1)),
  );
}

function printMemory(memory: MemoryRow[]): void {
  if (memory.length === 0) return;
  console.log('\nMemory of this process (the main process’s role: store, services, handler registry)');
  printTable(
    [
      ['after the cases at', 'peak RSS MB', 'heap in use MB', 'notes'],
      ...memory.map((m) => [
        `${m.trainees.toLocaleString('en-GB')} trainees`,
        m.peakRssMb.toFixed(0),
        m.heapUsedMb.toFixed(0),
        'peak since start, sizes run smallest first; includes generating the demo set',
      ]),
    ],
    new Set([1, 2]),
  );
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { runs: { type: 'string' }, sizes: { type: 'string' }, sized: { type: 'boolean' } },
    allowPositionals: true,
  });
  const runs = values.runs ? Number(values.runs) : undefined;
  if (runs !== undefined && !(Number.isInteger(runs) && runs > 0))
    throw new Error('--runs takes a whole number above 0.');
  const sizes = values.sizes ? values.sizes.split(',').map(Number) : undefined;
  if (sizes?.some((s) => !(Number.isInteger(s) && s > 0)))
    throw new Error('--sizes takes register sizes separated by commas, e.g. 1000,10000.');
  const filter = positionals.join(' ').toLowerCase();
  const matching = BENCH_CASES.filter((c) => c.name.toLowerCase().includes(filter)).filter((c) =>
    c.trainees === undefined ? !values.sized : !sizes || sizes.includes(c.trainees),
  );
  if (matching.length === 0) throw new Error(`No benchmark matches “${filter}”.`);
  // A sized case is read beside its size's register floor, so that floor always runs too.
  const sized = new Set(matching.map((c) => c.trainees));
  const selected = [
    ...BENCH_CASES.filter((c) => c.series === REGISTER_FLOOR_SERIES && sized.has(c.trainees) && !matching.includes(c)),
    ...matching,
  ];
  // Sized cases first, smallest register first, so one demo database is open at a time and the
  // peak memory after each size belongs to that size; then the cases with databases of their own.
  const ordered = [
    ...selected.filter((c) => c.trainees !== undefined).sort((a, b) => a.trainees! - b.trainees!),
    ...selected.filter((c) => c.trainees === undefined),
  ];

  console.log(
    `TPD Companion benchmarks — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${os.platform()}-${os.arch()}`,
  );
  const started = performance.now();
  const rows: Row[] = [];
  const memory: MemoryRow[] = [];
  for (const [i, benchCase] of ordered.entries()) {
    process.stdout.write(`  running ${benchCase.name}…\n`);
    rows.push(await measure(benchCase, runs));
    const next = ordered[i + 1];
    if (benchCase.trainees !== undefined && next?.trainees !== benchCase.trainees) {
      memory.push({
        trainees: benchCase.trainees,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
      });
      await closeDemosExcept(next?.trainees);
    }
  }
  console.log('');
  printCases(rows);
  printGrowth(rows);
  printMemory(memory);
  console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDemosExcept(undefined).finally(() => fs.rmSync(BENCH_ROOT, { recursive: true, force: true })));
