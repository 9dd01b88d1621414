/**
 * Today keeps every trainee's rows in memory and re-reads only the trainees a write touched
 * (services/today/today-cache.ts). After every write channel, run with its sample input against
 * the standard demo, Today and each trainee's rows must be exactly what a whole fresh read of
 * every provider gives: a write the cache missed would leave a stale or missing row here.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../src/main/backend';
import { EVERYDAY_SQL_SOURCES } from '../../src/main/services/today/everyday-providers';
import { READ_AHEAD_DAYS } from '../../src/main/services/today/today-cache';
import { readSchemaTables } from '../../src/main/store/schema-tables';
import { CHANNEL_NAMES, contract, type ChannelName } from '../../src/shared/contract';
import { ukToday } from '../../src/shared/dates';
import type { TodayItem } from '../../src/shared/today/today-types';
import { collectTodayItems, groupTodayItems } from '../../src/main/services/today/today-service';
import { prepareSamples, REPLACES_DATABASE, runSample, type SampleIds } from '../support/channel-samples';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';

let backend: TempBackend;
let folder: string;
let ids: SampleIds;

/** Every trainee's cached rows, through the channel the Overview uses, in Today's order. */
async function cachedRows(): Promise<TodayItem[]> {
  const trainees = await backend.store.db.selectFrom('trainees').select('id').execute();
  const rows: TodayItem[] = [];
  for (const { id } of trainees) rows.push(...(await call(backend, 'today:forTrainee', { traineeId: id })));
  return rows;
}

/** today_counts says exactly what a count of today_rows says. */
async function expectCountsOfRows(of: TempBackend, when: string): Promise<void> {
  const counts = await sql`
    SELECT kind, due_on, dated, urgency, day, n FROM today_counts ORDER BY 1, 2, 3, 4, 5
  `.execute(of.store.db);
  const rows = await sql`
    SELECT kind, due_on, dated, urgency, coalesce(day, '') AS day, count(*) AS n FROM today_rows
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  `.execute(of.store.db);
  expect(counts.rows, `today_counts ${when}`).toEqual(rows.rows);
}

/** Today, and the rows due by today the daily notification reads, as a whole fresh read gives them. */
async function expectFreshOn(dayBackend: TempBackend, today: string, when: string) {
  const view = await call(dayBackend, 'today:view', {});
  await expectCountsOfRows(dayBackend, when);
  expect(view.today, when).toBe(today);
  const fresh = await collectTodayItems(dayBackend.store.db, today);
  expect(view, when).toEqual(groupTodayItems(fresh, today));
  expect(await dayBackend.today.dueBy(today), `due by ${when}`).toEqual(fresh.filter((i) => i.dueDate <= today));
}

async function expectFreshToday(after: string): Promise<void> {
  const today = ukToday();
  await expectFreshOn(backend, today, `after ${after}`);
  const fresh = await collectTodayItems(backend.store.db, today);
  const cached = await cachedRows();
  expect(cached.length, `how many rows after ${after}`).toBe(fresh.length);
  // Keys in one order, so the comparison does not hang on the order a row's fields were built in.
  const text = (row: TodayItem) => JSON.stringify(row, Object.keys(row).sort());
  expect(new Set(cached.map(text)), `every trainee's rows after ${after}`).toEqual(new Set(fresh.map(text)));
}

beforeAll(async () => {
  folder = tempDir('tpd-today-cache-');
  backend = await createTempBackend({
    backupFolder: folder,
    backupDialogs: { chooseFolder: async () => folder, chooseBackupFile: async () => ids.backupFile },
  });
  // The first look reads everything; from here on the cache only hears about writes.
  await call(backend, 'today:view', {});
  await call(backend, 'demo:load', { size: 'standard' });
  ids = await prepareSamples(backend, folder);
}, 120_000);

afterAll(async () => {
  await backend.close();
  fs.rmSync(backend.dataDir, { recursive: true, force: true });
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('the Today cache', () => {
  it('follows loading the demo and making the samples', async () => {
    await expectFreshToday('demo:load');
  });

  const writes = CHANNEL_NAMES.filter((name) => contract[name].changes.length > 0 && name !== 'demo:load');
  for (const name of [...writes.filter((w) => !REPLACES_DATABASE.includes(w)), ...REPLACES_DATABASE]) {
    it(`follows ${name}`, async () => {
      const result = await runSample(backend, ids, name as ChannelName);
      expect(result.ok ? 'ok' : result.error, `${name} with its sample input`).toBe('ok');
      await expectFreshToday(name);
    });
  }

  it('follows a write made straight to the database, as an import or a handover makes them', async () => {
    const before = await call(backend, 'today:forTrainee', { traineeId: ids.traineeId });
    expect(before.length).toBeGreaterThan(0);
    await backend.store.db
      .updateTable('trainees')
      .set({ given_name: 'Renamed', preferred_name: null })
      .where('id', '=', ids.traineeId)
      .execute();
    const after = await call(backend, 'today:forTrainee', { traineeId: ids.traineeId });
    expect(after.map((r) => r.traineeName.split(' ')[0])).toEqual(before.map(() => 'Renamed'));
    await expectFreshToday('a rename');
  });

  it('is unchanged by a write that was rolled back', async () => {
    await expect(
      backend.store.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('meeting_actions')
          .set({ done_on: ukToday() })
          .where('trainee_id', '=', ids.traineeId)
          .execute();
        throw new Error('Disk full');
      }),
    ).rejects.toThrow('Disk full');
    await expectFreshToday('a rolled-back write');
  });
});

describe('the Today cache on a new day', () => {
  it('reads everything again, so rows move from upcoming to due soon to overdue as days pass', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const dayBackend = await createTempBackend({ now: () => now });
    try {
      await call(dayBackend, 'demo:load', { size: 'standard' });
      for (const days of [0, 1, 10, 40]) {
        now = new Date(Date.UTC(2026, 2, 2 + days, 9));
        const today = ukToday(now);
        const view = await call(dayBackend, 'today:view', {});
        expect(view.today).toBe(today);
        expect(view).toEqual(groupTodayItems(await collectTodayItems(dayBackend.store.db, today), today));
      }
    } finally {
      await dayBackend.close();
    }
  });
});

describe("Today's rows kept in the file", () => {
  const dataDir = () => tempDir('tpd-today-rows-');
  const key = randomBytes(32);
  let now = new Date('2026-03-02T09:00:00Z');
  const clock = () => now;
  // The SQL sources' queries: a look that loads the saved rows asks none of them for everyone.
  // Spied on only once the backend is open: the rules stamp hashes the sources' own code.
  const wholeReads = () => EVERYDAY_SQL_SOURCES.map((source) => vi.spyOn(source, 'query'));
  const askedEveryone = (spies: ReturnType<typeof wholeReads>) =>
    spies.filter((spy) => spy.mock.calls.some((args) => args[2] === undefined)).length;

  const expectFresh = (dayBackend: TempBackend, when: string) => expectFreshOn(dayBackend, ukToday(now), when);

  it('load at unlock without reading the sources, take in writes made before closing, and serve the days that follow', async () => {
    const dir = dataDir();
    let session = await createTempBackend({ dataDir: dir, key, now: clock });
    await call(session, 'demo:load', { size: 'standard' });
    await expectFresh(session, 'after loading the demo');
    // A write, then closing with no look at Today in between: the note of it is in the file.
    const action = await session.store.db
      .selectFrom('meeting_actions')
      .select(['id', 'trainee_id'])
      .where('done_on', 'is', null)
      .orderBy('due_on')
      .executeTakeFirstOrThrow();
    await session.store.db
      .updateTable('meeting_actions')
      .set({ done_on: '2026-03-01' })
      .where('id', '=', action.id)
      .execute();
    await session.close();

    for (const [days, reads] of [
      [0, 'none'],
      [1, 'none'],
      [READ_AHEAD_DAYS, 'none'],
      [READ_AHEAD_DAYS + 1, 'everything'],
    ] as const) {
      now = new Date(Date.UTC(2026, 2, 2 + days, 9));
      session = await createTempBackend({ dataDir: dir, key, now: clock });
      const spies = wholeReads();
      try {
        const rows = await call(session, 'today:forTrainee', { traineeId: action.trainee_id });
        expect(rows.map((row) => row.id)).not.toContain(action.id);
        expect(askedEveryone(spies), `sources read whole ${days} days on`).toBe(
          reads === 'none' ? 0 : EVERYDAY_SQL_SOURCES.length,
        );
        await expectFresh(session, `${days} days on`);
      } finally {
        for (const spy of spies) spy.mockRestore();
        await session.close();
      }
    }
  }, 120_000);

  it('are read afresh by another version of the app', async () => {
    const dir = dataDir();
    now = new Date('2026-03-02T09:00:00Z');
    const first = await createTempBackend({ dataDir: dir, key, now: clock });
    await call(first, 'demo:load', { size: 'standard' });
    await call(first, 'today:view', {});
    await first.close();
    const upgraded = Object.assign(await createBackend({ dataDir: dir, key, now: clock, version: 'test-next' }), {
      dataDir: dir,
      key,
    });
    const spies = wholeReads();
    try {
      await expectFresh(upgraded, 'after an upgrade');
      expect(askedEveryone(spies)).toBe(EVERYDAY_SQL_SOURCES.length);
    } finally {
      for (const spy of spies) spy.mockRestore();
      await upgraded.close();
    }
  }, 60_000);
});

describe('the SQL sources', () => {
  it('read only tables about trainees, so a write elsewhere re-reads only the day providers', async () => {
    const tables = await readSchemaTables(backend.store.db);
    const withTrainee = new Set(tables.filter((t) => t.columns.includes('trainee_id')).map((t) => t.name));
    for (const source of EVERYDAY_SQL_SOURCES) {
      const { sql } = source.query(backend.store.db, ukToday()).compile();
      const read = [...sql.matchAll(/\b(?:from|join)\s+"(\w+)"/gi)].map((m) => m[1]!);
      expect(read.length, source.kind).toBeGreaterThan(0);
      expect(
        read.filter((table) => table !== 'trainees' && !withTrainee.has(table)),
        `${source.kind} reads a table about no one trainee`,
      ).toEqual([]);
    }
  });
});

describe("Today's rows read ahead", () => {
  it('serve the next days, follow a write to a trainee on the days read ahead, and go after a retention change', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const session = await createTempBackend({ now: () => now });
    const state = () => session.store.db.selectFrom('today_state').selectAll().executeTakeFirstOrThrow();
    const moveTo = (day: number) => (now = new Date(Date.UTC(2026, 2, 2 + day, 9)));
    const sqlKinds = new Set(EVERYDAY_SQL_SOURCES.map((source) => source.kind));
    const dayKind = (kind: string) => !sqlKinds.has(kind);
    try {
      await call(session, 'demo:load', { size: 'standard' });
      // A trainee with ARCP or exam rows (the day providers'), archived before reading ahead.
      const withDayRows = (await collectTodayItems(session.store.db, ukToday(now))).find((i) => dayKind(i.kind))!;
      await call(session, 'trainees:archive', { id: withDayRows.traineeId });
      await expectFreshOn(session, ukToday(now), 'day 0');
      await session.today.stage(ukToday(now));
      expect((await state()).staged_until).toBe('2026-03-05');

      moveTo(1);
      await call(session, 'trainees:restore', { id: withDayRows.traineeId });
      await expectFreshOn(session, ukToday(now), 'day 1, after restoring them');
      // Read ahead, not read again: the days after still there.
      expect((await state()).staged_until).toBe('2026-03-05');

      moveTo(2);
      const rows = await call(session, 'today:forTrainee', { traineeId: withDayRows.traineeId });
      expect(
        rows.some((row) => dayKind(row.kind)),
        'their rows on a day read ahead before the restore',
      ).toBe(true);
      await expectFreshOn(session, ukToday(now), 'day 2');

      // A setting Today does not read leaves what was read ahead; the retention period, which it
      // reads (archived trainees past it), means reading the day providers again.
      await call(session, 'settings:update', { userName: 'Dr Sample Lead' });
      await expectFreshOn(session, ukToday(now), 'day 2, after a change of name');
      expect((await state()).staged_until).toBe('2026-03-05');
      // Someone archived a year ago, seen by Today before any retention period is set.
      const longGone = await session.store.db
        .selectFrom('trainees')
        .select('id')
        .where('archived_at', 'is', null)
        .where('id', '!=', withDayRows.traineeId)
        .executeTakeFirstOrThrow();
      await session.store.db
        .updateTable('trainees')
        .set({ archived_at: '2025-03-01T09:00:00.000Z' })
        .where('id', '=', longGone.id)
        .execute();
      await expectFreshOn(session, ukToday(now), 'day 2, after archiving someone a year ago');
      await call(session, 'settings:update', { retentionPeriod: { years: 0, months: 1 } });
      const afterRetention = await call(session, 'today:view', {});
      expect(
        afterRetention.kinds.map((k) => k.kind),
        'archived trainees past a month',
      ).toContain('trainee_retention');
      await expectFreshOn(session, ukToday(now), 'day 2, after setting a retention period');
      expect((await state()).staged_until).toBe('2026-03-04');
      moveTo(3);
      await expectFreshOn(session, ukToday(now), 'day 3');
    } finally {
      await session.close();
    }
  }, 120_000);
});
