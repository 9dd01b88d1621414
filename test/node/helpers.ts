import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { sql, type Kysely } from 'kysely';
import type { TraineeFieldsInput } from '../../src/shared/trainees/trainee-schema';

/** Opens an encrypted database file outside the store, the way the store unlocks it. */
export function openRaw(file: string, key: Buffer): Database.Database {
  const sqlite = new Database(file);
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
  return sqlite;
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Whether `text` appears in the file's raw bytes, as UTF-8 or UTF-16 (either byte order). */
export function containsPlainText(file: string, text: string): boolean {
  const bytes = fs.readFileSync(file);
  return [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le'), Buffer.from(text, 'utf16le').swap16()].some(
    (needle) => bytes.includes(needle),
  );
}

export function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

export function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

export function backupsIn(dir: string): string[] {
  return listDir(dir)
    .filter((f) => f.endsWith('.bak'))
    .map((f) => path.join(dir, f));
}

/** A valid trainee as a form would send it; override what the test is about. */
export function traineeInput(overrides: Partial<Record<keyof TraineeFieldsInput, unknown>> = {}): TraineeFieldsInput {
  return {
    givenName: 'Zebedee',
    familyName: 'Quaresma',
    gmcNumber: '7012345',
    programme: 'GP - Northtown VTS',
    grade: 'ST2',
    programmeStartDate: '07/08/2024',
    expectedCctDate: '06/08/2027',
    wte: '1',
    ...overrides,
  } as TraineeFieldsInput;
}

/** A clock the test moves on by hand, so timestamps are predictable. */
export function manualClock(start = '2025-03-01T09:00:00.000Z') {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/**
 * A trainee written with only the columns the first schema had, for tests that open the app on an
 * older schema: today's trainee form writes columns added since (the leaving date, for one).
 */
export async function insertTraineeAsFirstSchemaHadIt<T>(db: Kysely<T>, gmcNumber: string): Promise<{ id: string }> {
  const trainee = { id: randomUUID() };
  await sql`INSERT INTO trainees (id, gmc_number, given_name, family_name, programme, grade, programme_start_date,
      wte, status, tags, created_at, updated_at)
    VALUES (${trainee.id}, ${gmcNumber}, 'Oldschema', 'Example', 'Sample GP scheme', 'ST2', '2024-08-07', 1,
      'in_programme', '[]', '2024-09-01T09:00:00.000Z', '2024-09-01T09:00:00.000Z')`.execute(db);
  return trainee;
}
