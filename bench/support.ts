import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../src/main/backend';
import { seededRandom } from '../src/main/services/demo-kit';

/** Every database the benchmarks make lives under one temp folder, removed when they finish. */
export const BENCH_ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'tpd-bench-'));

export interface BenchBackend extends Backend {
  dataDir: string;
}

/** A real backend over a fresh encrypted database, as the app opens it. */
export async function freshBackend(): Promise<BenchBackend> {
  const dataDir = fs.mkdtempSync(path.join(BENCH_ROOT, 'db-'));
  const backend = await createBackend({ dataDir, key: randomBytes(32), version: 'bench' });
  return Object.assign(backend, { dataDir });
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
