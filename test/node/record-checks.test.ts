/**
 * Migration 0016 adds CHECK constraints by rebuilding tables (SQLite's documented procedure). A
 * populated database from the version before upgrades with every row, index, trigger (the search
 * index's included) and foreign key as it was; afterwards the database refuses a row that breaks a
 * check; and a database that already holds such a row is not changed at all, the rows named.
 */
import path from 'node:path';
import { sql, type Kysely, type Migration } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src/main/backend';
import { openStore, StoreOpenError, type Store } from '../../src/main/store/open-store';
import { RECORD_CHECKS } from '../../src/main/store/migrations/0016_record_checks';
import type { DB } from '../../src/main/store/schema';
import { call, createTempBackend } from '../support/temp-backend';
import { openRaw } from './helpers';

const registry = vi.hoisted(() => ({
  list: [] as Array<readonly [string, Migration]>,
  real: [] as Array<readonly [string, Migration]>,
}));

vi.mock('../../src/main/store/migrations', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/main/store/migrations')>();
  registry.real = [...actual.MIGRATIONS];
  registry.list.push(...actual.MIGRATIONS);
  return { ...actual, MIGRATIONS: registry.list };
});

const REBUILT = Object.keys(RECORD_CHECKS);
const toClose: Store[] = [];

/** The app as it was before 0016: the same migrations up to it. */
function beforeChecks() {
  const at = registry.real.findIndex(([name]) => name === '0016_record_checks');
  registry.list.splice(0, registry.list.length, ...registry.real.slice(0, at));
}

beforeEach(() => {
  registry.list.splice(0, registry.list.length, ...registry.real);
});
afterEach(async () => {
  while (toClose.length) await toClose.pop()!.close();
});

/** Everything about the schema a rebuild must keep: indexes, triggers, foreign keys, columns. */
async function schemaPicture(db: Kysely<DB>) {
  const objects = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
    SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name
  `.execute(db);
  const perTable: Record<string, unknown> = {};
  for (const table of REBUILT) {
    perTable[table] = {
      columns: (await sql`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(${table})`.execute(db))
        .rows,
      foreignKeys: (
        await sql`SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(${table})`.execute(db)
      ).rows,
    };
  }
  return { objects: objects.rows, perTable };
}

/** Every row of every rebuilt table, in key order: what "nothing lost, nothing changed" is checked against. */
async function rowsOf(db: Kysely<DB>) {
  const all: Record<string, unknown[]> = {};
  for (const table of REBUILT)
    all[table] = (await sql.raw(`SELECT rowid AS "_rowid", * FROM "${table}" ORDER BY rowid`).execute(db)).rows;
  return all;
}

async function olderPopulatedDatabase() {
  beforeChecks();
  const backend = await createTempBackend();
  await call(backend, 'demo:load', { size: 'standard' });
  const picture = await schemaPicture(backend.store.db);
  const rows = await rowsOf(backend.store.db);
  const someone = await backend.store.db
    .selectFrom('trainees')
    .select(['id', 'family_name', 'given_name'])
    .where('family_name', 'like', '______%')
    .executeTakeFirstOrThrow();
  await backend.close();
  registry.list.splice(0, registry.list.length, ...registry.real);
  return {
    file: path.join(backend.dataDir, DATABASE_FILE_NAME),
    key: backend.key,
    dataDir: backend.dataDir,
    picture,
    rows,
    someone,
  };
}

describe('upgrading a populated database to the CHECK constraints', () => {
  it('keeps every row, index, trigger and foreign key, and the search index still follows writes', async () => {
    const older = await olderPopulatedDatabase();
    const store = await openStore({ file: older.file, key: older.key });
    toClose.push(store);
    const db = store.db;

    expect(await rowsOf(db)).toEqual(older.rows);
    expect(await schemaPicture(db)).toEqual(older.picture);
    for (const table of REBUILT) {
      const { rows } = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = ${table}`.execute(db);
      for (const [name] of RECORD_CHECKS[table]!) expect(rows[0]!.sql, table).toContain(`CONSTRAINT "${name}" CHECK`);
    }
    expect((await sql`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([]);
    expect((await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db)).rows).toEqual([
      { integrity_check: 'ok' },
    ]);
    expect((await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)).rows[0]!.foreign_keys).toBe(1);

    // The search triggers on the rebuilt tables still feed the FTS index, and read it back.
    const match = (text: string) =>
      sql<{ entity_id: string }>`
        SELECT d.entity_id FROM search_fts f JOIN search_docs d ON d.rowid = f.rowid WHERE search_fts MATCH ${text}
      `.execute(db);
    expect((await match(`"${older.someone.family_name}"`)).rows.map((r) => r.entity_id)).toContain(older.someone.id);
    await db.updateTable('trainees').set({ family_name: 'Quillfeather' }).where('id', '=', older.someone.id).execute();
    expect((await match('quillfeather')).rows.map((r) => r.entity_id)).toEqual([older.someone.id]);

    // A foreign key still holds: a 1:1 of no one is refused.
    await expect(
      sql`INSERT INTO meetings (id, trainee_id, held_on, mode, meeting_type, attendees, shared_summary, private_notes,
            created_at, updated_at) VALUES ('m-x', 'nobody', '2026-01-05', 'video', 'pastoral', '[]', '', '',
            '2026-01-05T09:00:00.000Z', '2026-01-05T09:00:00.000Z')`.execute(db),
    ).rejects.toThrow(/FOREIGN KEY/);
  }, 120_000);

  it('refuses a row that breaks a check, whatever wrote it', async () => {
    const older = await olderPopulatedDatabase();
    const store = await openStore({ file: older.file, key: older.key });
    toClose.push(store);
    const bad = [
      sql`UPDATE trainees SET status = 'bogus' WHERE id = ${older.someone.id}`,
      sql`UPDATE trainees SET tags = 'not-json' WHERE id = ${older.someone.id}`,
      sql`UPDATE trainees SET gmc_number = 'abc' WHERE id = ${older.someone.id}`,
      sql`UPDATE trainees SET gmc_number = '12a4567' WHERE id = ${older.someone.id}`,
      sql`UPDATE trainees SET programme_start_date = '7/8/2024' WHERE id = ${older.someone.id}`,
      sql`UPDATE exam_attempts SET result = 'passed'`,
      sql`UPDATE exam_attempts SET components = 'Fail'`,
      sql`UPDATE meetings SET mode = 'carrier pigeon'`,
      sql`UPDATE arcp_records SET evidence_counts = '[]'`,
      sql`UPDATE support_items SET status = 'maybe'`,
    ];
    for (const statement of bad) await expect(statement.execute(store.db)).rejects.toThrow(/CHECK constraint failed/);
    const row = await store.db
      .selectFrom('trainees')
      .selectAll()
      .where('id', '=', older.someone.id)
      .executeTakeFirstOrThrow();
    expect(row.status).not.toBe('bogus');
    expect(row.gmc_number).toMatch(/^\d{7}$/);
  }, 120_000);

  it('stops, changing nothing, when the database already holds a row that breaks a check, and names it', async () => {
    const older = await olderPopulatedDatabase();
    // What a crafted handover could leave in a database before this version.
    const raw = openRaw(older.file, older.key);
    raw.prepare(`UPDATE trainees SET status = 'bogus', tags = 'not-json' WHERE id = ?`).run(older.someone.id);
    raw.close();

    const error = await openStore({ file: older.file, key: older.key }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    const message = (error as StoreOpenError).message;
    expect(message).toContain(`1 row of trainees (${older.someone.id}) break trainees_status_known`);
    expect(message).toContain('trainees_tags_json_list');
    expect(message).toMatch(/A copy of the database from before the update is at /);

    // Nothing changed: the version before still opens it, with every row as it was.
    beforeChecks();
    const store = await openStore({ file: older.file, key: older.key });
    toClose.push(store);
    const rows = await rowsOf(store.db);
    expect(rows.trainees).toHaveLength(older.rows.trainees!.length);
    expect(
      (await store.db.selectFrom('trainees').select('status').where('id', '=', older.someone.id).executeTakeFirst())
        ?.status,
    ).toBe('bogus');
    const done = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(store.db);
    expect(done.rows.map((r) => r.name)).not.toContain('0016_record_checks');
  }, 120_000);
});
