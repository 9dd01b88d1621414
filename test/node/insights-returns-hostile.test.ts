/**
 * Returns from outside: signed by the installation that made them, bounded before any work, and read
 * without harm whatever they hold. The crafted return of issue 18 (counts of 200,000,000 with a
 * recomputed hash) once grew a log-factorial table until the process died.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { returnContentHash } from '../../src/main/services/insights/return-hash';
import { canonicalJson, keyFingerprint } from '../../src/main/services/insights/return-signing';
import type { InsightsReturn } from '../../src/shared/insights/insights-return';
import { buildInsightsCohort, COHORT_TODAY } from '../fixtures/insights-cohort';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';
import { settledMemory } from '../support/memory';

let backend: TempBackend;
beforeEach(async () => {
  backend = await createTempBackend({ now: () => COHORT_TODAY });
  await buildInsightsCohort(backend.store.db);
});
afterEach(() => backend.close());

const decode = (file: { base64: string }) => Buffer.from(file.base64, 'base64').toString('utf8');

async function exportDaLead(from: TempBackend = backend): Promise<InsightsReturn> {
  return JSON.parse(decode((await call(from, 'insights:exportReturn', { kind: 'da-lead' })).json)) as InsightsReturn;
}

/** As someone would edit a file by hand: change it, then put a fresh SHA-256 in it. */
function rehash<T extends InsightsReturn | Omit<InsightsReturn, 'signature' | 'schemaMinor'>>(record: T): T {
  const { contentHash: _h, returnId: _i, ...body } = record as InsightsReturn;
  return { ...record, contentHash: returnContentHash(body) };
}

/** Version 1.0 of the same return: what an app from before signing wrote (and what anyone can write). */
function unsigned(record: InsightsReturn): Omit<InsightsReturn, 'signature' | 'schemaMinor'> {
  const { signature: _s, schemaMinor: _m, ...older } = record;
  return older;
}

/** Signs as the app does, but with a key of one's own: a valid signature by someone else. */
function signWithOwnKey(record: Omit<InsightsReturn, 'signature'>): InsightsReturn {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
  const bytes = Buffer.from(`tpd-companion/insights-return/signature/v1\n${canonicalJson(record)}`, 'utf8');
  return {
    ...record,
    signature: {
      algorithm: 'Ed25519',
      publicKey: raw.toString('base64'),
      value: sign(null, bytes, privateKey).toString('base64'),
    },
  } as InsightsReturn;
}

const asFile = (fileName: string, record: unknown) => ({
  fileName,
  text: typeof record === 'string' ? record : JSON.stringify(record),
});

async function refusal(returns: Array<{ fileName: string; text: string }>): Promise<string> {
  const result = await backend.dispatch('insights:combineReturns', { returns });
  expect(result.ok, `${returns[0]?.fileName} is refused`).toBe(false);
  if (result.ok) return '';
  expect(result.error.code).toBe('invalid_input');
  return result.error.message;
}

/** Every row of every table: what "the database is unchanged" means. */
async function everyRow(): Promise<Record<string, unknown[]>> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(
    backend.store.db,
  );
  const all: Record<string, unknown[]> = {};
  for (const { name } of tables)
    all[name] = (await sql.raw(`SELECT * FROM "${name}"`).execute(backend.store.db)).rows
      .map((row) => JSON.stringify(row))
      .sort();
  return all;
}

describe('signed returns', () => {
  it('signs each return with the installation’s key, whose fingerprint Settings and the combining DA lead see', async () => {
    expect(await call(backend, 'insights:signingIdentity')).toBeNull();
    const made = await call(backend, 'insights:exportReturn', { kind: 'da-lead' });
    const identity = (await call(backend, 'insights:signingIdentity'))!;
    expect(identity.fingerprint).toMatch(/^([0-9A-HJKMNP-TV-Z]{4} ){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(made.signedBy).toBe(identity.fingerprint);
    const record = JSON.parse(decode(made.json)) as InsightsReturn;
    expect(record).toMatchObject({ schemaVersion: 1, schemaMinor: 1, signature: { algorithm: 'Ed25519' } });
    // The fingerprint is the key's, worked out from the file alone.
    expect(keyFingerprint(Buffer.from(record.signature.publicKey, 'base64'))).toBe(identity.fingerprint);
    // The same key signs every return of this installation; the private key is in no answer.
    expect((await call(backend, 'insights:exportReturn', { kind: 'publication' })).signedBy).toBe(identity.fingerprint);
    expect(JSON.stringify(await call(backend, 'settings:get'))).not.toMatch(/installation|privateKey/);

    const other = await createTempBackend({ now: () => COHORT_TODAY });
    await buildInsightsCohort(other.store.db);
    // Another scheme: its own programmes, so its counts are not ours counted twice.
    await sql`UPDATE trainees SET programme = 'East ' || programme`.execute(other.store.db);
    const theirs = await exportDaLead(other);
    const theirFingerprint = (await call(other, 'insights:signingIdentity'))!.fingerprint;
    await other.close();
    expect(theirFingerprint).not.toBe(identity.fingerprint);

    const combined = await call(backend, 'insights:combineReturns', {
      returns: [asFile('ours.json', record), asFile('older.json', unsigned(theirs))],
    });
    expect(combined.sources.map((s) => [s.fileName, s.version, s.signature])).toEqual([
      ['ours.json', '1.1', { status: 'signed', fingerprint: identity.fingerprint }],
      // Older returns still combine, marked as unsigned.
      ['older.json', '1.0', { status: 'unsigned' }],
    ]);
  });

  it('reports an edited return as not matching its signature, even with a recomputed SHA-256', async () => {
    const record = await exportDaLead();
    const edited = rehash({
      ...record,
      rows: record.rows.map((r, i) => (i === 0 ? { ...r, count: (r.count ?? 0) + 5 } : r)),
    });
    expect(await refusal([asFile('edited.json', edited)])).toBe(
      '“edited.json” does not match its signature: it has been changed since it was signed. Ask the sender for it again.',
    );
    // A changed id, threshold or key in the signature block: each breaks the signature.
    expect(await refusal([asFile('id.json', { ...record, returnId: crypto.randomUUID() })])).toMatch(
      /does not match its signature/,
    );
    const otherKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
    expect(
      await refusal([
        asFile('key.json', { ...record, signature: { ...record.signature, publicKey: otherKey.toString('base64') } }),
      ]),
    ).toMatch(/does not match its signature/);
    // Re-signed with another key, it reads as that key's: only the fingerprint shows who signed.
    const { signature: _s, ...body } = edited;
    const resigned = signWithOwnKey(body);
    const combined = await call(backend, 'insights:combineReturns', { returns: [asFile('resigned.json', resigned)] });
    const fingerprint = keyFingerprint(Buffer.from(resigned.signature.publicKey, 'base64'));
    expect(combined.sources[0]!.signature).toEqual({ status: 'signed', fingerprint });
    expect(fingerprint).not.toBe((await call(backend, 'insights:signingIdentity'))!.fingerprint);
  });
});

describe('a crafted return', () => {
  it('with counts of 200,000,000 and a recomputed hash is refused with a message, and memory stays flat', async () => {
    const record = await exportDaLead();
    const huge = rehash({
      ...unsigned(record),
      rows: record.rows.map((r) => ({ ...r, count: 200_000_000, suppression: 'none' as const })),
    });
    const signedHuge = signWithOwnKey({ ...rehash({ ...record, rows: huge.rows }), signature: undefined } as never);
    const before = settledMemory();
    for (const [name, crafted] of [
      ['huge.json', huge],
      ['huge-signed.json', signedHuge],
    ] as const) {
      expect(await refusal([asFile(name, crafted)])).toBe(
        `“${name}” holds a count above 100,000, more than any real cohort, so it was not made by TPD Companion or has been changed. It was not combined.`,
      );
    }
    // Programme sizes are counts as well.
    const bigProgramme = rehash({ ...unsigned(record), programmes: [{ programme: 'North', trainees: 10_000_000 }] });
    expect(await refusal([asFile('programme.json', bigProgramme)])).toMatch(/holds a count above 100,000/);
    const after = settledMemory();
    // Generous bounds: the old code reached 1.6 GB at 10,000,000 and died at 200,000,000.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(50 * 1024 * 1024);
    expect(after.rss - before.rss).toBeLessThan(200 * 1024 * 1024);
    // The app answers as before.
    expect((await call(backend, 'insights:combineReturns', { returns: [asFile('real.json', record)] })).scope).toBe(
      'region',
    );
  });

  it('counts just inside the bound still combine exactly', async () => {
    const record = await exportDaLead();
    const big = rehash({
      ...unsigned(record),
      rows: record.rows.map((r) => ({ ...r, count: 100_000, suppression: 'none' as const })),
    });
    const combined = await call(backend, 'insights:combineReturns', { returns: [asFile('big.json', big)] });
    expect(combined.sources[0]!.signature).toEqual({ status: 'unsigned' });
  });
});

describe('the file leg of the channel fuzz test: valid returns carrying hostile payloads', () => {
  it('refuses each with a message of its own kind, stays up, and changes nothing in the database', async () => {
    const record = await exportDaLead();
    const base = unsigned(record);
    const row0 = base.rows[0]!;
    const withRow = (row: Record<string, unknown>) => rehash({ ...base, rows: [row as never, ...base.rows.slice(1)] });
    const longText = 'x'.repeat(5_000_000);
    const hostile: Array<[string, unknown]> = [
      ['count as text', withRow({ ...row0, count: '7' })],
      ['negative count', withRow({ ...row0, count: -1 })],
      ['fractional count', withRow({ ...row0, count: 1.5 })],
      [
        'count that is not finite',
        JSON.stringify(withRow({ ...row0, count: 123456789 })).replace('123456789', '1e400'),
      ],
      ['unknown suppression', withRow({ ...row0, suppression: 'bogus' })],
      ['quarter that is no quarter', withRow({ ...row0, quarter: '2025-Q9' })],
      ['unknown field in a row', withRow({ ...row0, extra: 1 })],
      ['huge programme name', withRow({ ...row0, programme: longText })],
      ['rows not a list', { ...base, rows: 'none' }],
      ['kind unknown', rehash({ ...base, kind: 'everything' as never })],
      ['threshold as an object', rehash({ ...base, threshold: { n: 3 } as never })],
      ['indicator of an unknown kind', rehash({ ...base, indicators: [{ kind: 'mystery', key: 'x' } as never] })],
      ['a __proto__ key', `{"__proto__":{"polluted":1},${JSON.stringify(base).slice(1)}`],
      ['a constructor key in a row', withRow({ ...row0, constructor: 'x' })],
      [
        'a signature block of the wrong shape',
        { ...record, signature: { algorithm: 'RSA', publicKey: 'x', value: 'y' } },
      ],
      [
        'deeply nested',
        `{"format":"tpd-companion/insights-return","schemaVersion":1,"rows":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      ],
      ['not JSON at all', '\u0000\u0001binary'],
      ['an empty file', ''],
    ];
    const rowsBefore = await everyRow();
    for (const [label, payload] of hostile) {
      const message = await refusal([asFile(`${label}.json`, payload)]);
      expect({ label, message }).toEqual({ label, message: expect.stringMatching(/^“.+”/) });
      expect(message.length).toBeLessThan(400);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
    // Too large before anything is parsed: one file, and many together.
    const tooBig = await backend.dispatch('insights:combineReturns', {
      returns: [asFile('big.json', 'x'.repeat(30_000_001))],
    });
    expect(tooBig.ok ? '' : tooBig.error.message).toBe('A return must be 30 MB or smaller');
    const tooMany = await backend.dispatch('insights:combineReturns', {
      returns: Array.from({ length: 5 }, (_, i) => asFile(`r${i}.json`, 'x'.repeat(25_000_000))),
    });
    expect(tooMany.ok ? '' : tooMany.error.message).toBe('Combine at most 120 MB of returns at once');

    expect(await everyRow()).toEqual(rowsBefore);
    const still = await call(backend, 'insights:combineReturns', { returns: [asFile('real.json', record)] });
    expect(still.sources).toHaveLength(1);
    expect(
      createHash('sha256')
        .update(JSON.stringify(await everyRow()))
        .digest('hex'),
    ).toBe(createHash('sha256').update(JSON.stringify(rowsBefore)).digest('hex'));
  });
});
