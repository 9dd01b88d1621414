/**
 * The upgrade path: a database made by an older app meets a newer migration list. The list is
 * replaced here by a mutable copy that starts as the real one and gains fake later migrations
 * (numbered 9001, after any real one) per test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely, type Migration } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src/main/backend';
import { openStore, StoreOpenError, type Store } from '../../src/main/store/open-store';
import { call, createTempBackend } from '../support/temp-backend';
import { backupsIn, containsPlainText, mode, openRaw, sha256, traineeInput } from './helpers';

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

const addNotesTable: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('extra_notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('body', 'text')
      .execute();
  },
};

/** Creates a table and writes to existing data, then fails: none of it may survive. */
const brokenMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('half_done').addColumn('id', 'text').execute();
    await sql`UPDATE trainees SET family_name = 'Overwritten'`.execute(db);
    await sql`ALTER TABLE no_such_table ADD COLUMN x TEXT`.execute(db);
  },
};

/** The app's own migrations, whatever features have added; fake later ones are numbered 9001 so they sort last. */
function realNames(): string[] {
  return registry.real.map(([name]) => name);
}

const FIXED_NOW = new Date('2025-09-01T08:30:00.000Z');

const toClose: Store[] = [];
beforeEach(() => {
  registry.list.splice(0, registry.list.length, ...registry.real);
});
afterEach(async () => {
  while (toClose.length) await toClose.pop()!.close();
});

async function olderDatabase(): Promise<{ dataDir: string; file: string; key: Buffer }> {
  const b = await createTempBackend();
  await call(b, 'trainees:create', traineeInput());
  await b.close();
  return { dataDir: b.dataDir, file: path.join(b.dataDir, DATABASE_FILE_NAME), key: b.key };
}

function tableNames(file: string, key: Buffer): string[] {
  const raw = openRaw(file, key);
  try {
    return (
      raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]
    ).map((r) => r.name);
  } finally {
    raw.close();
  }
}

describe('upgrading an older database', () => {
  it('the mocked list starts as the real one', () => {
    expect(registry.list.map(([name]) => name)[0]).toBe('0001_initial');
    expect(registry.list).toEqual(registry.real);
  });

  it('copies the database to an encrypted, owner-only backup before running a pending migration', async () => {
    const { dataDir, file, key } = await olderDatabase();
    registry.list.push(['9001_extra_notes', addNotesTable]);

    const s = await openStore({ file, key, now: () => FIXED_NOW });
    toClose.push(s);

    expect(s.backups).toHaveLength(1);
    const backup = s.backups[0]!;
    expect(backup).toBe(`${file}.before-9001_extra_notes-2025-09-01T08-30-00-000Z.bak`);
    expect(backupsIn(dataDir)).toEqual([backup]);
    if (process.platform !== 'win32') expect(mode(backup)).toBe(0o600);
    expect(containsPlainText(backup, 'Quaresma')).toBe(false);
    expect(containsPlainText(backup, 'Zebedee')).toBe(false);

    // The new table is there, the old data survived, and both migrations are recorded.
    await s.db
      .insertInto('extra_notes' as never)
      .values({ id: 'n1', body: 'hello' } as never)
      .execute();
    expect(await s.db.selectFrom('trainees').select('family_name').execute()).toEqual([{ family_name: 'Quaresma' }]);
    const done = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(s.db);
    expect(done.rows.map((r) => r.name)).toEqual([...realNames(), '9001_extra_notes']);

    // The backup is the database as it was before: same key, old schema, same people.
    const copy = openRaw(backup, key);
    expect(copy.prepare('SELECT name FROM kysely_migration ORDER BY name').all()).toEqual(
      realNames().map((name) => ({ name })),
    );
    expect(copy.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra_notes'`).get()).toEqual({ n: 0 });
    expect(copy.prepare('SELECT given_name, family_name FROM trainees').all()).toEqual([
      { given_name: 'Zebedee', family_name: 'Quaresma' },
    ]);
    copy.close();
  });

  it('makes no backup when nothing is pending', async () => {
    const { dataDir, file, key } = await olderDatabase();
    registry.list.push(['9001_extra_notes', addNotesTable]);
    toClose.push(await openStore({ file, key }));
    await toClose.pop()!.close();
    expect(backupsIn(dataDir)).toHaveLength(1);

    const again = await openStore({ file, key });
    toClose.push(again);
    expect(again.backups).toEqual([]);
    expect(backupsIn(dataDir)).toHaveLength(1);
  });

  it('reports migration_failed, names the backup, and rolls the failed migration back completely', async () => {
    const { dataDir, file, key } = await olderDatabase();
    registry.list.push(['9001_broken', brokenMigration]);

    const error = await openStore({ file, key, now: () => FIXED_NOW }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as StoreOpenError).reason).toBe('migration_failed');
    const backups = backupsIn(dataDir);
    expect(backups).toHaveLength(1);
    expect((error as StoreOpenError).message).toContain(backups[0]);

    // Transactional DDL: no half-made table, no overwritten row, no migration recorded.
    expect(tableNames(file, key)).not.toContain('half_done');
    const raw = openRaw(file, key);
    expect(raw.prepare('SELECT family_name FROM trainees').all()).toEqual([{ family_name: 'Quaresma' }]);
    expect(raw.prepare('SELECT name FROM kysely_migration ORDER BY name').all()).toEqual(
      realNames().map((name) => ({ name })),
    );
    raw.close();

    // The older app (which does not know 0002) can still open it.
    registry.list.splice(0, registry.list.length, ...registry.real);
    const s = await openStore({ file, key });
    toClose.push(s);
    expect(await s.db.selectFrom('trainees').select('family_name').execute()).toEqual([{ family_name: 'Quaresma' }]);
  });

  it('makes a new backup on each failed attempt and never overwrites an earlier one', async () => {
    const { file, key } = await olderDatabase();
    registry.list.push(['9001_broken', brokenMigration]);
    await openStore({ file, key }).catch(() => undefined);
    const [backup] = backupsIn(path.dirname(file));
    const hash = sha256(backup!);
    await openStore({ file, key, now: () => new Date(FIXED_NOW.getTime() + 60_000) }).catch(() => undefined);
    expect(sha256(backup!)).toBe(hash);
    expect(backupsIn(path.dirname(file))).toHaveLength(2);
    expect(fs.existsSync(file)).toBe(true);
  });
});
