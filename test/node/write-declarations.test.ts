import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract, type ChannelName } from '../../src/shared/contract';
import { DATA_FEATURES, FILE_BACKED_FEATURES } from '../../src/shared/contract/data-features';
import { problemsInStore } from '../../src/main/services/record-rules';
import { CACHE_TABLES, hasOwner, TABLE_OWNERS, tablesChangedBy } from '../../src/main/store/table-owners';
import type { DB } from '../../src/main/store/schema';
import {
  CHANNEL_SAMPLES,
  prepareSamples,
  REPLACES_DATABASE,
  runSample,
  REFUSED_WHERE_PERSONAL,
  type SampleIds,
} from '../support/channel-samples';
import { createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';

// Every channel runs once against the standard demo; TEMP triggers note each table it writes.
let backend: TempBackend;
let folder: string;
let ids: SampleIds;
let demoWrote: string[];

async function tableNames(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{
    name: string;
  }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(db);
  return rows.map((r) => r.name).filter((name) => !name.startsWith('sqlite_'));
}

/** A TEMP table and triggers (gone when the connection closes) that record every table a call writes. */
async function recordWrites(db: Kysely<DB>): Promise<void> {
  await sql`CREATE TEMP TABLE written (name TEXT NOT NULL)`.execute(db);
  for (const table of await tableNames(db)) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      try {
        await sql
          .raw(
            `CREATE TEMP TRIGGER "written_${table}_${event}" AFTER ${event} ON main."${table}" BEGIN INSERT INTO written VALUES ('${table}'); END`,
          )
          .execute(db);
      } catch {
        // The FTS5 table is virtual and its shadow tables take no triggers; search_docs, which feeds them, has them.
      }
    }
  }
}

async function run(name: ChannelName): Promise<string[]> {
  await sql`DELETE FROM written`.execute(backend.store.db);
  const result = await runSample(backend, ids, name);
  if (REFUSED_WHERE_PERSONAL.includes(name))
    expect(result.ok ? 'ok' : result.error.code, `${name} is refused in personal mode`).toBe('forbidden');
  else expect(result.ok ? 'ok' : result.error, `${name} with its sample input`).toBe('ok');
  const { rows } = await sql<{ name: string }>`SELECT DISTINCT name FROM written ORDER BY name`.execute(
    backend.store.db,
  );
  // Today's own cache follows every write and is saved by reads (CACHE_TABLES): not a channel's work.
  return rows.map((r) => r.name).filter((table) => !(CACHE_TABLES as readonly string[]).includes(table));
}

function expectDeclared(name: ChannelName, wrote: string[]): void {
  const changes = contract[name].changes;
  if (changes.length === 0) {
    expect(wrote, `${name} is a read, so it writes nothing`).toEqual([]);
    return;
  }
  const allowed = tablesChangedBy(changes);
  expect(
    wrote.filter((table) => !allowed.has(table)),
    `${name} declares changes(${changes.join(', ')}) but wrote these other features' tables`,
  ).toEqual([]);
  // Each sample is chosen to do the whole of what its channel may do, so a declared feature it
  // leaves untouched is declared for nothing (and refreshes screens for nothing).
  expect(
    changes.filter(
      (feature) =>
        !FILE_BACKED_FEATURES.includes(feature) &&
        !wrote.some((table) => (TABLE_OWNERS as Record<string, string>)[table] === feature),
    ),
    `${name} declares these features but its sample wrote none of their tables`,
  ).toEqual([]);
}

beforeAll(async () => {
  folder = tempDir('tpd-write-declarations-');
  const backupFile = () => ids.backupFile;
  backend = await createTempBackend({
    backupFolder: folder,
    backupDialogs: { chooseFolder: async () => folder, chooseBackupFile: async () => backupFile() },
  });
  await recordWrites(backend.store.db);
  demoWrote = await (async () => {
    ids = { folder } as SampleIds;
    return run('demo:load');
  })();
  ids = await prepareSamples(backend, folder);
}, 120_000);

afterAll(async () => {
  await backend.close();
  fs.rmSync(backend.dataDir, { recursive: true, force: true });
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('write declarations', () => {
  it('gives every table in the store exactly one owner', async () => {
    expect((await tableNames(backend.store.db)).filter((table) => !hasOwner(table))).toEqual([]);
  });

  it('has a sample input for every channel, and nothing else', () => {
    expect(Object.keys(CHANNEL_SAMPLES).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('demo:load writes only the tables of the features it declares', () => {
    expect(demoWrote).toContain('trainees');
    expectDeclared('demo:load', demoWrote);
  });

  for (const name of CHANNEL_NAMES.filter((c) => c !== 'demo:load' && !REPLACES_DATABASE.includes(c))) {
    it(`${name} writes only the tables of the features it declares`, async () => {
      expectDeclared(name, await run(name));
    });
  }

  it('every row the demo and the channels wrote passes the gate every record comes in by', async () => {
    // The handover and restore gates refuse rows that break these rules, so the app itself must never write one.
    const { problems } = await problemsInStore(backend.store.db, { today: ids.today });
    expect(problems).toEqual([]);
  });

  for (const name of REPLACES_DATABASE) {
    it(`${name} replaces the whole database, so it declares every data feature`, async () => {
      const result = await backend.dispatch(name, CHANNEL_SAMPLES[name](ids));
      expect(result.ok ? 'ok' : result.error).toBe('ok');
      expect([...contract[name].changes].sort()).toEqual([...DATA_FEATURES].sort());
    });
  }
});
