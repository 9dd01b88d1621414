import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PAGE_CACHE_KIB } from '../src/main/store/open-store';
import Database from 'better-sqlite3-multiple-ciphers';
import { createBackend, type Backend } from '../src/main/backend';
import { createDemoService } from '../src/main/services/demo';
import { seededRandom } from '../src/main/services/demo-kit';

/** Every database the benchmarks make lives under one temp folder, removed when they finish. */
export const BENCH_ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'tpd-bench-'));

export interface BenchBackend extends Backend {
  dataDir: string;
  key: Buffer;
}

/** A real backend over a fresh encrypted database, as the app opens it. */
export async function freshBackend(): Promise<BenchBackend> {
  const dataDir = fs.mkdtempSync(path.join(BENCH_ROOT, 'db-'));
  const key = randomBytes(32);
  // Reading ahead on a timer would land inside some other case's timing: the cases that want it call it.
  const backend = await createBackend({ dataDir, key, version: 'bench', todayReadAheadAfterMs: null });
  return Object.assign(backend, { dataDir, key });
}

/**
 * A second, read-only connection to the same encrypted file, through better-sqlite3 directly:
 * what the floors run on, with none of the app's layers (Kysely, handler registry, mapping).
 */
export function rawConnection(backend: BenchBackend): Database.Database {
  const raw = new Database(backend.store.file, { readonly: true });
  raw.pragma(`cipher='sqlcipher'`);
  raw.pragma('legacy=4');
  raw.pragma(`key="x'${backend.key.toString('hex')}'"`);
  // The app's own page cache, so a floor is not slowed by a smaller one.
  raw.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  return raw;
}

export interface DemoDatabase {
  backend: BenchBackend;
  raw: Database.Database;
  trainees: number;
}

/**
 * One demo database per register size, shared by every case of that size. The runner orders the
 * cases by size and calls `closeDemosExcept` as it moves on, so at most one size is open at once
 * (which is also what makes the peak-memory figure per size honest).
 */
const demos = new Map<number, Promise<DemoDatabase>>();

export function demoDatabase(trainees: number): Promise<DemoDatabase> {
  let demo = demos.get(trainees);
  if (!demo) {
    demo = (async () => {
      const backend = await freshBackend();
      await createDemoService(backend.store.db, () => new Date()).loadTrainees(trainees);
      return { backend, raw: rawConnection(backend), trainees };
    })();
    demos.set(trainees, demo);
  }
  return demo;
}

export async function closeDemosExcept(keep: number | undefined): Promise<void> {
  for (const [size, demo] of [...demos]) {
    if (size === keep) continue;
    demos.delete(size);
    const { backend, raw } = await demo;
    raw.close();
    await disposeBackend(backend);
  }
}

/** The register floor: every trainee row with one raw prepared statement, serialised as the list would be. */
export function readRegister(raw: Database.Database): number {
  const rows = raw.prepare('SELECT * FROM trainees WHERE archived_at IS NULL').all();
  return JSON.stringify(rows).length;
}

export async function disposeBackend(backend: BenchBackend | null | undefined): Promise<void> {
  if (!backend) return;
  await backend.close();
  fs.rmSync(backend.dataDir, { recursive: true, force: true });
}

/** Calls a channel and returns its data; an error result stops the benchmark. */
export async function call<T = unknown>(backend: Backend, channel: string, input?: unknown): Promise<T> {
  const result = await backend.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

const GIVEN = ['Alex', 'Bea', 'Cai', 'Dana', 'Eli', 'Fenna', 'Gus', 'Hana', 'Ivo', 'Juno', 'Kit', 'Lior'];
const FAMILY = ['Arden', 'Brook', 'Carrow', 'Dunmore', 'Ellery', 'Fairlie', 'Garrick', 'Holm', 'Ives', 'Jessop'];
const SCHEMES = ['GP - Benchtown VTS', 'GP - Sampleford VTS', 'GP - Testbury VTS'];

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A scheme spreadsheet export of `rows` synthetic trainees (UK dates, "80%" WTEs, headers in a
 * spreadsheet's own words). Every `badEvery`-th row is broken in one of a few ways a real file is.
 */
export function syntheticCsv(rows: number, { seed = 7, badEvery = 1000 } = {}): { text: string; bad: number } {
  const random = seededRandom(seed);
  const lines = [
    'Forename,Surname,GMC No.,Email,Programme,Training Grade,Programme Start Date,Expected CCT Date,WTE,Status,Educational Supervisor,Current Post,Tags',
  ];
  let bad = 0;
  for (let i = 0; i < rows; i++) {
    const gmc = String(3_000_000 + i);
    const startYear = random.int(2022, 2025);
    const start = `${random.int(1, 7)}/08/${startYear}`;
    const cct = `${random.int(1, 28)}/08/${startYear + 4}`;
    const cells = [
      random.pick(GIVEN),
      random.pick(FAMILY),
      gmc,
      `bench${i}@nhs.example`,
      random.pick(SCHEMES),
      random.pick(['ST1', 'ST2', 'ST3']),
      start,
      cct,
      random.pick(['1.0', '0.8', '80%', '60%']),
      random.pick(['In programme', 'in_programme', 'Parental leave', '']),
      `Dr ${random.pick(FAMILY)}`,
      random.pick(['Benchtown Surgery', 'Sampleford Health Centre, Unit 2']),
      random.chance(0.1) ? 'LTFT; returner' : '',
    ];
    if (i > 0 && i % badEvery === 0) {
      bad++;
      const kind = (i / badEvery) % 4;
      if (kind === 0)
        cells[2] = '12345'; // GMC number too short
      else if (kind === 1)
        cells[6] = '31/02/2024'; // no such date
      else if (kind === 2)
        cells[8] = '140%'; // WTE out of range
      else cells[2] = '3000000'; // the first row's GMC number again
    }
    lines.push(cells.map(csvCell).join(','));
  }
  return { text: `${lines.join('\r\n')}\r\n`, bad };
}
