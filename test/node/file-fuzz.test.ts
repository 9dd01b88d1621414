/**
 * The file leg of the channel fuzz: handovers and backups whose envelopes are valid (they open with
 * their phrase or recovery key and authenticate) but whose rows are hostile: wrong types, unknown
 * enumeration values, invalid JSON in JSON columns, huge strings and lists, control characters,
 * impossible numbers and dates, rows pointing at nothing, ids twice. Each is refused with the
 * rules' message, never `internal`; the database is unchanged to the last row (its digest), no file
 * is left behind, and the app goes on answering.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_MESSAGES } from '../../src/shared/backups/backup-contract';
import { HANDOVER_MESSAGES } from '../../src/shared/handover';
import { collectPayload } from '../../src/main/services/handover/handover-service';
import {
  RECORD_TABLES,
  REFERENCE_TABLES,
  TRAINEE_COLUMNS,
  type HandoverPayload,
} from '../../src/main/services/handover/handover-payload';
import { newTransferPhrase } from '../../src/main/services/handover/transfer-phrase';
import { recordLabel, type GatedTable } from '../../src/main/services/record-rules';
import { TABLE_RULES } from '../../src/main/services/record-rules/table-rules';
import { backupSealer, handoverSealer } from '../support/crafted-files';
import { databaseDigest } from '../support/database-dump';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';

let app: TempBackend;
let folder: string;
let words: string;

beforeAll(async () => {
  folder = tempDir('tpd-file-fuzz-');
  app = await createTempBackend({ backupFolder: folder });
  await call(app, 'demo:load', { size: 'standard' });
  words = (await call(app, 'recovery:create-key')).words.join(' ');
}, 120_000);
afterAll(async () => {
  await app.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** Enumeration columns of each table, where an unknown value must be refused. */
const ENUMS: Partial<Record<GatedTable, string[]>> = {
  trainees: ['status', 'grade'],
  meetings: ['mode', 'meeting_type', 'wellbeing'],
  meeting_actions: ['owner'],
  plp_goals: ['status', 'area'],
  plp_reviews: ['status_after'],
  early_needs: ['neurodiversity_screening'],
  identified_needs: ['area'],
  support_items: ['status', 'source'],
  exam_attempts: ['result', 'source'],
  exam_readiness: ['decision'],
  exam_extensions: ['kind'],
  exam_definitions: ['component_kind'],
};

/** Columns that are foreign keys (the database's, and the file's "points at a row in this file"). */
const REFERENCES: Partial<Record<GatedTable, string[]>> = {
  meetings: ['trainee_id'],
  meeting_actions: ['meeting_id', 'trainee_id'],
  plp_goals: ['trainee_id'],
  plp_reviews: ['goal_id'],
  meeting_goals: ['meeting_id', 'goal_id'],
  early_needs: ['trainee_id'],
  identified_needs: ['trainee_id'],
  support_items: ['trainee_id'],
  meeting_cadence: ['trainee_id'],
  exam_attempts: ['trainee_id', 'exam_id'],
  exam_readiness: ['trainee_id', 'exam_id'],
  exam_post_fail: ['trainee_id', 'attempt_id'],
  exam_extensions: ['trainee_id'],
  arcp_records: ['trainee_id', 'panel_id', 'template_id'],
};

const kindOf = (table: GatedTable, column: string) =>
  (TABLE_RULES[table].columns as Record<string, string>)[column] ?? 'form';
const payloadKind = (table: string, column: string): string =>
  (
    (table === 'trainees'
      ? TRAINEE_COLUMNS
      : ((RECORD_TABLES as Record<string, unknown>)[table] ??
        (REFERENCE_TABLES as Record<string, unknown>)[table])) as Record<string, string>
  )[column] ?? 'text';
const numeric = (table: string, column: string) => /^(int|real)/.test(payloadKind(table, column));

const HOSTILE_KINDS = [
  'wrong-type',
  'unknown-enum',
  'invalid-json',
  'huge-string',
  'control-character',
  'huge-list',
  'bad-number',
  'bad-date',
  'orphan',
  'duplicate-id',
  'unknown-column',
] as const;
type HostileKind = (typeof HOSTILE_KINDS)[number];

/** A column of `table` (present in `row`) that this kind of hostility applies to, or null. */
function columnFor(kind: HostileKind, table: GatedTable, row: Record<string, unknown>, pick: number): string | null {
  const present = Object.keys(row).filter((c) => row[c] !== undefined);
  const where = (test: (column: string) => boolean) => {
    const fits = present.filter(test);
    return fits.length > 0 ? fits[pick % fits.length]! : null;
  };
  switch (kind) {
    case 'unknown-enum':
      return where((c) => (ENUMS[table] ?? []).includes(c));
    case 'invalid-json':
    case 'huge-list':
      return where(
        (c) => kindOf(table, c).startsWith('json') && (kind !== 'huge-list' || kindOf(table, c) === 'json-list'),
      );
    case 'huge-string':
    case 'control-character':
      return where((c) => !numeric(table, c));
    case 'bad-number':
      return where((c) => numeric(table, c));
    case 'bad-date':
      return where((c) => kindOf(table, c).startsWith('date'));
    case 'orphan':
      return where((c) => (REFERENCES[table] ?? []).includes(c) && row[c] !== null);
    default:
      return where(() => true);
  }
}

function hostileValue(kind: HostileKind, table: string, column: string, current: unknown, n: number): unknown {
  switch (kind) {
    case 'wrong-type':
      return numeric(table, column) ? ['many', true, 'x'][n % 3] : [42, true, { a: 1 }, ['x']][n % 4];
    case 'unknown-enum':
      return 'bogus-value';
    case 'invalid-json':
      return ['not-json', '[1,', '{"a":', '"text"', '42', 'null', '{"__proto__":{"x":1}}'][n % 7];
    case 'huge-string':
      return 'x'.repeat(1_000_000);
    case 'control-character': {
      const text = typeof current === 'string' && current.length > 0 ? current : 'Text';
      const control = ['\u0000', '\u0007', '\u001b', '\u007f'][n % 4]!;
      return `${text.slice(0, 1)}${control}${text.slice(1)}`;
    }
    case 'huge-list':
      return JSON.stringify(Array.from({ length: 30_000 }, () => 'x'));
    case 'bad-number':
      return [-1, 1e9, 1e308, 2.5][n % 4];
    case 'bad-date':
      return ['2026-02-30', '31/02/2026', '9999-99-99', '', '2026-1-5'][n % 5];
    case 'orphan':
      return `missing-${n}`;
    default:
      return current;
  }
}

describe('hostile handovers in valid envelopes', () => {
  let base: HandoverPayload;
  let seal: (payload: unknown) => Buffer;
  let phrase: string[];
  let digest: string;

  beforeAll(async () => {
    // Three demo trainees with records of every kind, made new (ids and GMC numbers), so a valid file would import.
    const db = app.store.db;
    const ids = new Set<string>();
    for (const table of ['meetings', 'exam_attempts', 'arcp_records', 'support_items', 'identified_needs'] as const)
      ids.add((await db.selectFrom(table).select('trainee_id').executeTakeFirstOrThrow()).trainee_id);
    const payload = await collectPayload(
      db,
      { traineeIds: [...ids], fromName: 'Dr Fuzz', includePrivateNotes: true },
      { version: 'test', madeAt: new Date().toISOString() },
    );
    let json = JSON.stringify(payload);
    const everyId = new Set<string>(ids);
    for (const rows of [...Object.values(payload.records), ...Object.values(payload.references)])
      for (const row of rows) if (typeof row.id === 'string') everyId.add(row.id);
    for (const id of everyId) json = json.split(`"${id}"`).join(`"${randomUUID()}"`);
    base = JSON.parse(json) as HandoverPayload;
    base.trainees.forEach((row, i) => (row.gmc_number = String(9_800_000 + i)));
    phrase = newTransferPhrase();
    seal = await handoverSealer(phrase, folder);
    digest = await databaseDigest(db);
  }, 60_000);

  const upload = (bytes: Buffer) => ({
    fileName: 'from-a-colleague.tpdhandover',
    contentBase64: bytes.toString('base64'),
    phrase: phrase.join(' '),
  });

  it('the unchanged file is accepted (so every refusal below is the hostile part’s)', async () => {
    const preview = await call(app, 'handover:check-upload', upload(seal(base)));
    expect(preview.trainees).toHaveLength(base.trainees.length);
    expect(await databaseDigest(app.store.db)).toBe(digest);
  }, 30_000);

  it('refuses every hostile row, naming its record type, and writes nothing', async () => {
    const sections = [
      'trainees',
      ...Object.keys(base.records).filter((t) => base.records[t as keyof typeof base.records].length > 0),
      ...Object.keys(base.references).filter((t) => base.references[t as keyof typeof base.references].length > 0),
    ] as GatedTable[];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...sections),
        fc.constantFrom(...HOSTILE_KINDS),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        async (table, kind, rowPick, columnPick, n) => {
          const payload = structuredClone(base);
          const rows = (
            table === 'trainees'
              ? payload.trainees
              : ((payload.records as Record<string, unknown[]>)[table] ??
                (payload.references as Record<string, unknown[]>)[table])
          ) as Array<Record<string, unknown>>;
          const index = rowPick % rows.length;
          const row = rows[index]!;
          let mutated = index;
          if (kind === 'duplicate-id') {
            rows.push(structuredClone(row));
            mutated = rows.length - 1;
          } else if (kind === 'unknown-column') {
            row.evil = 'extra';
          } else {
            const column = columnFor(kind, table, row, columnPick);
            if (column === null) return; // this kind does not apply to this table
            row[column] = hostileValue(kind, table, column, row[column], n);
          }
          const result = await app.dispatch('handover:import-upload', { ...upload(seal(payload)), takeTheirs: [] });
          expect(result.ok, `${kind} in ${table} was imported`).toBe(false);
          if (result.ok) return;
          expect(result.error.code).toBe('invalid_input');
          expect(result.error.message.startsWith(HANDOVER_MESSAGES.breaksRules)).toBe(true);
          expect(result.error.message).toContain(`${recordLabel(table)} ${mutated + 1}`);
          expect(await databaseDigest(app.store.db)).toBe(digest);
        },
      ),
      { numRuns: 30, seed: 20_261_207 },
    );
    expect(fs.readdirSync(app.dataDir).filter((name) => /handover|upload/.test(name))).toEqual([]);
    expect((await call(app, 'trainees:list', {})).length).toBe(60);
  }, 600_000);

  it('refuses more trainees than a file may hold, before looking at any of them', async () => {
    const payload = structuredClone(base);
    payload.trainees = Array.from({ length: 10_001 }, (_, i) => ({ ...base.trainees[0]!, id: `t-${i}` }));
    const result = await app.dispatch('handover:check-upload', upload(seal(payload)));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.message).toContain('Trainees: Too big');
    expect(await databaseDigest(app.store.db)).toBe(digest);
  }, 60_000);
});

describe('hostile backups in valid envelopes', () => {
  it('refuses each before the swap, naming what is wrong; the database and the data folder are untouched', async () => {
    const seal = await backupSealer(app, folder);
    const digest = await databaseDigest(app.store.db);
    const files = fs.readdirSync(app.dataDir).sort();
    const tables = ['trainees', 'meetings', 'plp_goals', 'support_items', 'exam_attempts', 'arcp_records'] as const;
    const kinds = HOSTILE_KINDS.filter((k) => k !== 'duplicate-id' && k !== 'unknown-column');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...tables),
        fc.constantFrom(...kinds),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        async (table, kind, rowPick, columnPick, n) => {
          const rows = (await app.store.db.selectFrom(table).selectAll().execute()) as Array<Record<string, unknown>>;
          const row = rows[rowPick % rows.length]!;
          const column = columnFor(kind, table, row, columnPick);
          if (column === null) return;
          let value = hostileValue(kind, table, column, row[column], n);
          if (typeof value === 'object' && value !== null) value = JSON.stringify(value);
          if (typeof value === 'boolean') value = value ? 1 : 0;
          // The wrong type as a database holds it: text in a number column; in a text column a blob,
          // since a number would be stored there as its digits.
          if (kind === 'wrong-type') value = numeric(table, column) ? 'many' : Buffer.from('x');
          const key = 'id';
          const file = seal((sqlite) =>
            sqlite.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`).run(value, row[key]),
          );
          const result = await app.dispatch('backups:restore', {
            file,
            secret: { kind: 'recovery-key', words },
          });
          fs.rmSync(file, { force: true });
          expect(result.ok, `${kind} in ${table}.${column} was restored`).toBe(false);
          if (result.ok) return;
          expect(result.error.code).toBe('invalid_input');
          expect(result.error.message.startsWith(BACKUP_MESSAGES.breaksRules)).toBe(true);
          expect(await databaseDigest(app.store.db)).toBe(digest);
          expect(fs.readdirSync(app.dataDir).sort()).toEqual(files);
        },
      ),
      { numRuns: 10, seed: 20_261_207 },
    );
    expect((await call(app, 'trainees:list', {})).length).toBe(60);
  }, 600_000);
});
