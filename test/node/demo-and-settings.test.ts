import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src/main/backend';
import { DEMO_SEED } from '../../src/main/services/demo/demo-service';
import { problemsInStore } from '../../src/main/services/record-rules';
import { ukToday } from '../../src/shared/dates';
import { generateDemoTrainees } from '../../src/main/services/trainees/trainees-demo';
import { seededRandom } from '../../src/main/services/demo-kit';
import { traineeFields } from '../../src/main/services/trainees/trainee-rows';
import { DEFAULT_SETTINGS } from '../../src/shared/settings/settings-schema';
import { traineeFieldsSchema, type TraineeRow } from '../../src/shared/trainees/trainee-schema';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';
import { traineeInput } from './helpers';

const NOW = () => new Date('2025-10-06T12:00:00.000Z');

const open: TempBackend[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});
async function backend(options: Parameters<typeof createTempBackend>[0] = {}): Promise<TempBackend> {
  const b = await createTempBackend({ now: NOW, ...options });
  open.push(b);
  return b;
}

const identity = (t: TraineeRow) =>
  `${t.gmcNumber} ${t.givenName} ${t.familyName} ${t.programme} ${t.grade} ${t.programmeStartDate}`;

describe('demo:load', () => {
  it('fills an empty register with 60 valid trainees with unique GMC numbers', async () => {
    const b = await backend();
    expect(await call(b, 'demo:load', { size: 'standard' })).toEqual({ trainees: 60 });
    const trainees = await call(b, 'trainees:list', { includeArchived: true });
    expect(trainees).toHaveLength(60);
    expect(new Set(trainees.map((t) => t.gmcNumber)).size).toBe(60);
    expect(new Set(trainees.map((t) => t.id)).size).toBe(60);
    // Every demo trainee would pass the same checks as one typed into the form.
    for (const row of trainees) {
      const t = await call(b, 'trainees:get', { id: row.id });
      const parsed = traineeFieldsSchema.safeParse(traineeFields(t));
      expect(parsed.success, `${identity(t)}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    expect(trainees.every((t) => t.email?.endsWith('@nhs.example'))).toBe(true);
    expect((await call(b, 'app:info', {})).traineeCount).toBe(60);
  });

  it('defaults to the standard size', async () => {
    const b = await backend();
    expect(await call(b, 'demo:load', {})).toEqual({ trainees: 60 });
  });

  it('produces the same people on every machine and run', async () => {
    const a = await backend();
    const b = await backend();
    await call(a, 'demo:load', { size: 'standard' });
    await call(b, 'demo:load', { size: 'standard' });
    const listA = (await call(a, 'trainees:list', {})).map(identity).sort();
    const listB = (await call(b, 'trainees:list', {})).map(identity).sort();
    expect(listA).toEqual(listB);
    // The ids are fresh, so two demo registers are not copies of one another.
    const idsA = new Set((await call(a, 'trainees:list', {})).map((t) => t.id));
    expect((await call(b, 'trainees:list', {})).some((t) => idsA.has(t.id))).toBe(false);
  });

  it('generates from the seed: same seed, same names; another seed, other names', () => {
    const names = (seed: number) =>
      generateDemoTrainees(seededRandom(seed), 60, '2025-10-06').map(
        (t) => `${t.gmcNumber} ${t.givenName} ${t.familyName}`,
      );
    expect(names(DEMO_SEED)).toEqual(names(DEMO_SEED));
    expect(names(DEMO_SEED + 1)).not.toEqual(names(DEMO_SEED));
  });

  it('refuses with conflict once the register has anyone in it, and adds nobody', async () => {
    const b = await backend();
    await call(b, 'trainees:create', traineeInput());
    const result = await b.dispatch('demo:load', { size: 'standard' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/empty register/) },
    });
    expect(await call(b, 'trainees:list', {})).toHaveLength(1);
  });

  it('counts archived trainees as real data too', async () => {
    const b = await backend();
    const t = await call(b, 'trainees:create', traineeInput());
    await call(b, 'trainees:archive', { id: t.id });
    expect(await b.dispatch('demo:load', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses a second load rather than doubling the register', async () => {
    const b = await backend();
    await call(b, 'demo:load', {});
    expect(await b.dispatch('demo:load', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call(b, 'trainees:list', {})).toHaveLength(60);
  });

  it('refuses an unknown size', async () => {
    const b = await backend();
    expect(await b.dispatch('demo:load', { size: 'huge' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { size: expect.any(String) } },
    });
  });

  it('loads the large set in batches under SQLite’s parameter limit', async () => {
    const b = await backend();
    expect(await call(b, 'demo:load', { size: 'large' })).toEqual({ trainees: 10_000 });
    const { n, gmcs } = await b.store.db
      .selectFrom('trainees')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('gmc_number').distinct().as('gmcs')])
      .executeTakeFirstOrThrow();
    expect([Number(n), Number(gmcs)]).toEqual([10_000, 10_000]);
    // The load checks a sample of each table; every row of the thinner large-set history passes the gate too.
    expect((await problemsInStore(b.store.db, { today: ukToday() })).problems).toEqual([]);
  }, 180_000); // 10,000 trainees with all their records: seconds alone, much longer on a loaded machine
});

describe('settings', () => {
  it('starts with the defaults', async () => {
    const b = await backend();
    expect(await call(b, 'settings:get', {})).toEqual(DEFAULT_SETTINGS);
    expect(await call(b, 'settings:get', undefined)).toEqual({
      userName: null,
      role: null,
      tableColumns: {},
      insightsThreshold: 3,
      retentionPeriod: null,
    });
  });

  it('saves a partial update, keeps the rest, and survives reopening with the same key', async () => {
    const first = await backend();
    const saved = await call(first, 'settings:update', { userName: '  Dr Ada Okafor ', role: 'tpd' });
    expect(saved).toEqual({
      userName: 'Dr Ada Okafor',
      role: 'tpd',
      tableColumns: {},
      insightsThreshold: 3,
      retentionPeriod: null,
    });

    const columns = { trainees: { email: false, currentPost: true } };
    expect(await call(first, 'settings:update', { tableColumns: columns })).toEqual({
      userName: 'Dr Ada Okafor',
      role: 'tpd',
      tableColumns: columns,
      insightsThreshold: 3,
      retentionPeriod: null,
    });
    await first.close();
    open.splice(open.indexOf(first), 1);

    const again = await backend({ dataDir: first.dataDir, key: first.key });
    expect(path.join(again.dataDir, DATABASE_FILE_NAME)).toBe(path.join(first.dataDir, DATABASE_FILE_NAME));
    expect(await call(again, 'settings:get', {})).toEqual({
      userName: 'Dr Ada Okafor',
      role: 'tpd',
      tableColumns: columns,
      insightsThreshold: 3,
      retentionPeriod: null,
    });
  });

  it('clears a name given as blank and a role given as null', async () => {
    const b = await backend();
    await call(b, 'settings:update', { userName: 'Dr Ada', role: 'es' });
    expect(await call(b, 'settings:update', { userName: '   ', role: null })).toEqual({
      userName: null,
      role: null,
      tableColumns: {},
      insightsThreshold: 3,
      retentionPeriod: null,
    });
  });

  it('refuses an unknown role or an over-long name, keeping what was saved', async () => {
    const b = await backend();
    await call(b, 'settings:update', { userName: 'Dr Ada', role: 'exam_tpd' });
    expect(await b.dispatch('settings:update', { role: 'boss' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Choose your role', fields: { role: 'Choose your role' } },
    });
    expect(await b.dispatch('settings:update', { userName: 'x'.repeat(101) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { userName: expect.stringMatching(/100 characters/) } },
    });
    expect(await b.dispatch('settings:update', { tableColumns: { trainees: { email: 'no' } } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call(b, 'settings:get', {})).toEqual({
      userName: 'Dr Ada',
      role: 'exam_tpd',
      tableColumns: {},
      insightsThreshold: 3,
      retentionPeriod: null,
    });
  });

  it('refuses keys that are not settings, naming them, and saves nothing', async () => {
    const b = await backend();
    expect(await b.dispatch('settings:update', { userName: 'Dr Ada', somethingElse: 'x' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Unknown field “somethingElse”',
        fields: { somethingElse: 'Unknown field “somethingElse”' },
      },
    });
    expect(await b.store.db.selectFrom('settings').select('key').execute()).toEqual([]);
  });

  it('falls back to the default for a stored value that is no longer valid, keeping the others', async () => {
    const b = await backend();
    await call(b, 'settings:update', { userName: 'Dr Jo Bloggs' });
    await b.store.db
      .insertInto('settings')
      .values({ key: 'role', value: JSON.stringify('retired_role'), updated_at: NOW().toISOString() })
      .execute();
    await b.store.db
      .insertInto('settings')
      .values({ key: 'tableColumns', value: '{not json', updated_at: NOW().toISOString() })
      .execute();
    expect(await call(b, 'settings:get', {})).toEqual({ ...DEFAULT_SETTINGS, userName: 'Dr Jo Bloggs' });
  });
});

describe('app:info', () => {
  it('reports the version, the database file and the active trainee count', async () => {
    const b = await backend();
    expect(await call(b, 'app:info', {})).toEqual({
      version: 'test',
      databaseFile: path.join(b.dataDir, DATABASE_FILE_NAME),
      traineeCount: 0,
    });
  });
});
