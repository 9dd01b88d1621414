import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract, type ChannelName } from '../../src/shared/contract';
import { ukToday } from '../../src/shared/dates';
import { NO_AGREEMENT_MESSAGE } from '../../src/shared/evaluation';
import { CHANNEL_SAMPLES, REFUSED_WHERE_PERSONAL, sampleIds, type SampleIds } from '../support/channel-samples';
import { docxText, pdfText } from '../support/read-exports';
import { collectPayload } from '../../src/main/services/handover/handover-service';
import { relabelledHandover } from '../support/handover-sample';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';

let backend: TempBackend;
let folder: string;
let ids: SampleIds;

// Distinctive values on one demo trainee (the demo gives most others values of their own too).
const AGREED_ON = '2001-02-03';
const MARKERS = [
  'primaryQualification',
  'entryRoute',
  'lessThanFullTime',
  'international_graduate',
  'eea_graduate',
  'uk_graduate',
  'return_to_training',
  'standard_recruitment',
  'less_than_full_time',
  'Returning to training (re-entry)',
  'Primary medical qualification',
  AGREED_ON,
  '03/02/2001',
  '3 Feb 2001',
  '3 February 2001',
];

beforeAll(async () => {
  folder = tempDir('tpd-evaluation-');
  backend = await createTempBackend({
    backupFolder: folder,
    backupDialogs: { chooseFolder: async () => folder, chooseBackupFile: async () => ids.backupFile },
  });
  await call(backend, 'demo:load', { size: 'standard' });
  const key = await call(backend, 'recovery:create-key', {});
  const made = await call(backend, 'backups:run-now', {});
  const exported = await call(backend, 'insights:exportReturn', { kind: 'da-lead' });
  ids = await sampleIds(
    backend.store.db,
    ukToday(),
    folder,
    { file: made.file, words: key.words.join(' ') },
    Buffer.from(exported.json.base64, 'base64').toString(),
  );
  for (const [field, value] of [
    ['primaryQualification', 'international_graduate'],
    ['entryRoute', 'return_to_training'],
    ['lessThanFullTime', 'less_than_full_time'],
  ] as const)
    await call(backend, 'evaluation:record', {
      traineeId: ids.traineeId,
      field,
      value,
      agreed: true,
      agreedOn: AGREED_ON,
    });
  ids.handover = await relabelledHandover(backend.store.db, folder);
}, 120_000);

afterAll(async () => {
  await backend.close();
  fs.rmSync(backend.dataDir, { recursive: true, force: true });
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('recording characteristics for evaluation', () => {
  it('stores a value only with the trainee’s agreement and its date, and deletes it when agreement is withdrawn', async () => {
    const traineeId = ids.spareTraineeId;
    const refused = await backend.dispatch('evaluation:record', {
      traineeId,
      field: 'primaryQualification',
      value: 'eea_graduate',
      agreed: false,
      agreedOn: '01/03/2025',
    });
    expect(refused.ok ? null : refused.error.fields).toEqual({ agreed: NO_AGREEMENT_MESSAGE });
    const wrongValue = await backend.dispatch('evaluation:record', {
      traineeId,
      field: 'entryRoute',
      value: 'eea_graduate',
      agreed: true,
      agreedOn: '01/03/2025',
    });
    expect(wrongValue.ok ? null : wrongValue.error.fields).toEqual({
      value: 'Choose one of the listed values for entry route',
    });
    const noDate = await backend.dispatch('evaluation:record', {
      traineeId,
      field: 'entryRoute',
      value: 'another_route',
      agreed: true,
    });
    expect(noDate.ok ? null : noDate.error.fields).toEqual({ agreedOn: 'Enter the date the trainee agreed' });
    const future = await backend.dispatch('evaluation:record', {
      traineeId,
      field: 'entryRoute',
      value: 'another_route',
      agreed: true,
      agreedOn: '2999-01-01',
    });
    expect(future.ok ? null : future.error.message).toBe('The date the trainee agreed cannot be in the future.');
    const unknown = await backend.dispatch('evaluation:record', {
      traineeId,
      field: 'ethnicity',
      value: 'x',
      agreed: true,
      agreedOn: '01/03/2025',
    });
    expect(unknown.ok).toBe(false);
    const stored = async () =>
      backend.store.db
        .selectFrom('evaluation_characteristics')
        .selectAll()
        .where('trainee_id', '=', traineeId)
        .execute();
    const before = await stored();

    const saved = await call(backend, 'evaluation:record', {
      traineeId,
      field: 'primaryQualification',
      value: 'eea_graduate',
      agreed: true,
      agreedOn: '01/03/2025',
    });
    expect(saved.characteristics.primaryQualification).toMatchObject({
      value: 'eea_graduate',
      valueLabel: 'European Economic Area (EEA) or Switzerland',
      agreedOn: '2025-03-01',
    });
    expect((await stored()).filter((r) => r.field === 'primaryQualification')).toHaveLength(1);

    const withdrawn = await call(backend, 'evaluation:withdraw', { traineeId, field: 'primaryQualification' });
    expect(withdrawn.characteristics.primaryQualification).toBeUndefined();
    expect((await stored()).filter((r) => r.field === 'primaryQualification')).toEqual([]);
    expect((await stored()).length).toBe(before.filter((r) => r.field !== 'primaryQualification').length);
    const again = await backend.dispatch('evaluation:withdraw', { traineeId, field: 'primaryQualification' });
    expect(again.ok ? null : again.error.message).toBe(
      'Nothing to withdraw: no primary medical qualification is recorded for this trainee.',
    );
  });

  it('gives a realistic share of demo trainees characteristics, each with a date of agreement', async () => {
    const rows = await backend.store.db.selectFrom('evaluation_characteristics').selectAll().execute();
    const people = new Set(rows.map((r) => r.trainee_id));
    // 60 demo trainees; about two in three agreed (one of them is the trainee given distinctive values above).
    expect(people.size).toBeGreaterThan(25);
    expect(people.size).toBeLessThan(55);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.agreed_on))).toBe(true);
    const pmq = rows.filter((r) => r.field === 'primaryQualification').map((r) => r.value);
    expect(new Set(pmq)).toEqual(new Set(['uk_graduate', 'eea_graduate', 'international_graduate']));
  });
});

/** Every text a channel's answer carries, with generated files (PDF, Word, CSV, text) read back. */
async function textsOf(value: unknown): Promise<string[]> {
  const texts = [JSON.stringify(value) ?? ''];
  const visit = async (v: unknown): Promise<void> => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const item of v) await visit(item);
      return;
    }
    const record = v as Record<string, unknown>;
    if (typeof record.base64 === 'string' && typeof record.mimeType === 'string') {
      const bytes = Buffer.from(record.base64, 'base64');
      if (record.mimeType.includes('pdf')) texts.push(await pdfText(bytes));
      else if (record.mimeType.includes('wordprocessingml')) {
        const docx = await docxText(bytes);
        texts.push(docx.body, docx.footers);
      } else texts.push(bytes.toString('utf8'));
    }
    for (const item of Object.values(record)) await visit(item);
  };
  await visit(value);
  return texts;
}

async function filesIn(dir: string): Promise<string[]> {
  const texts: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (file.endsWith('.pdf')) texts.push(await pdfText(fs.readFileSync(file)));
    else if (file.endsWith('.csv') || file.endsWith('.txt')) texts.push(fs.readFileSync(file, 'utf8'));
  }
  return texts;
}

/**
 * The evaluation channels themselves and the What works figures are the only readers allowed, and
 * subject access: the trainee's answer to "everything you hold about me" must include them.
 */
const ALLOWED_READERS = (name: ChannelName) =>
  name.startsWith('evaluation:') || name.startsWith('insights:') || name.startsWith('subjectAccess:');

describe('characteristics for evaluation reach no other output', () => {
  // Reads, and exports (which write only their export-log entry).
  const reads = CHANNEL_NAMES.filter(
    (name) =>
      contract[name].changes.every((feature) => feature === 'exportLog') &&
      !ALLOWED_READERS(name) &&
      !REFUSED_WHERE_PERSONAL.includes(name),
  );

  it('checks a fair number of read channels, with markers the evaluation channel itself does show', async () => {
    const own = (await textsOf(await call(backend, 'evaluation:get', { traineeId: ids.traineeId }))).join('\n');
    for (const marker of ['primaryQualification', 'international_graduate', 'return_to_training', AGREED_ON])
      expect(own).toContain(marker);
    expect(reads).toEqual(expect.arrayContaining(['trainees:list', 'trainees:get', 'search:query', 'arcp:pack']));
    expect(reads.length).toBeGreaterThan(30);
  });

  for (const name of reads) {
    it(`${name} says nothing of them`, async () => {
      const result = await backend.dispatch(name, CHANNEL_SAMPLES[name](ids));
      expect(result.ok ? 'ok' : result.error, `${name} with its sample input`).toBe('ok');
      const texts = result.ok ? await textsOf(result.data) : [];
      if (name === 'arcp:batch') texts.push(...(await filesIn(folder)));
      for (const marker of MARKERS)
        expect(
          texts
            .filter((t) => t.includes(marker))
            .map((t) => t.slice(Math.max(0, t.indexOf(marker) - 80), t.indexOf(marker) + 80)),
          `${name} mentions “${marker}”`,
        ).toEqual([]);
    });
  }

  it('a handover file of the trainee (read before encryption) carries none of them', async () => {
    const payload = await collectPayload(
      backend.store.db,
      { traineeIds: [ids.traineeId], fromName: 'Sample sender', includePrivateNotes: true },
      { version: 'test', madeAt: new Date().toISOString() },
    );
    const json = JSON.stringify(payload);
    expect(json).toContain(ids.traineeId);
    for (const marker of MARKERS) expect(json, `the handover mentions “${marker}”`).not.toContain(marker);
  });

  it('the search index holds none of them, and searching for them finds nothing', async () => {
    for (const marker of MARKERS) {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*) AS n FROM search_docs
        WHERE instr(title, ${marker}) > 0 OR instr(body, ${marker}) > 0 OR instr(private, ${marker}) > 0
      `.execute(backend.store.db);
      expect(Number(rows[0]!.n), marker).toBe(0);
    }
    for (const text of ['international graduate', 'returning to training', 'less than full time'])
      expect((await call(backend, 'search:query', { text, limit: 50 })).results, text).toEqual([]);
  });
});
