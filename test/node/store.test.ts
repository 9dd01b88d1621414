import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src/main/backend';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { openStore, StoreOpenError, type Store } from '../../src/main/store/open-store';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';
import { backupsIn, containsPlainText, listDir, mode, openRaw, sha256, traineeInput } from './helpers';

const NAME = 'Zebedee';
const SURNAME = 'Quaresma';

const toClose: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (toClose.length) await toClose.pop()!.close();
});

async function backend(options: Parameters<typeof createTempBackend>[0] = {}): Promise<TempBackend> {
  const b = await createTempBackend(options);
  toClose.push(b);
  return b;
}

async function store(file: string, key: Buffer): Promise<Store> {
  const s = await openStore({ file, key });
  toClose.push(s);
  return s;
}

/** Makes a database holding one trainee, closes it, and returns where it is. */
async function closedDatabaseWithTrainee(): Promise<{ dataDir: string; file: string; key: Buffer }> {
  const b = await createTempBackend();
  await call(b, 'trainees:create', traineeInput());
  await b.close();
  return { dataDir: b.dataDir, file: path.join(b.dataDir, DATABASE_FILE_NAME), key: b.key };
}

async function openFailure(file: string, key: Buffer): Promise<StoreOpenError> {
  const error = await openStore({ file, key }).then(
    async (s) => {
      await s.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreOpenError);
  return error as StoreOpenError;
}

describe('opening a fresh database', () => {
  it('creates the file, runs the initial migration and makes no backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'fresh.db');
    const s = await store(file, randomBytes(32));
    expect(fs.existsSync(file)).toBe(true);
    expect(s.backups).toEqual([]);
    expect(backupsIn(dir)).toEqual([]);

    const migrations = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(s.db);
    expect(migrations.rows.map((r) => r.name)).toEqual(MIGRATIONS.map(([name]) => name));
    const tables = await sql<{
      name: string;
    }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(s.db);
    expect(tables.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['change_log', 'settings', 'trainees']));
  });

  it('creates a missing data folder', async () => {
    const file = path.join(tempDir(), 'nested', 'deeper', 'app.db');
    await store(file, randomBytes(32));
    expect(fs.existsSync(file)).toBe(true);
    if (process.platform !== 'win32') expect(mode(path.dirname(file))).toBe(0o700);
  });

  it('sets foreign_keys, WAL journal and synchronous=FULL on the connection', async () => {
    const s = await store(path.join(tempDir(), 'pragmas.db'), randomBytes(32));
    const fk = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(s.db);
    const journal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(s.db);
    const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(s.db);
    const busy = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(s.db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    expect(sync.rows[0]?.synchronous).toBe(2);
    expect(busy.rows[0]?.timeout).toBe(5000);
  });

  it('reopens with the same key, keeping the data and making no backup', async () => {
    const { dataDir, file, key } = await closedDatabaseWithTrainee();
    const s = await store(file, key);
    const rows = await s.db.selectFrom('trainees').select(['given_name', 'family_name']).execute();
    expect(rows).toEqual([{ given_name: NAME, family_name: SURNAME }]);
    expect(s.backups).toEqual([]);
    expect(backupsIn(dataDir)).toEqual([]);
  });
});

describe('encryption at rest', () => {
  it('the detector finds a name in an unencrypted SQLite file (control)', () => {
    const file = path.join(tempDir(), 'plain.db');
    const plain = new Database(file);
    plain.exec('CREATE TABLE t (name TEXT)');
    plain.prepare('INSERT INTO t VALUES (?)').run(`${NAME} ${SURNAME}`);
    plain.close();
    expect(containsPlainText(file, SURNAME)).toBe(true);
  });

  it('keeps trainee names out of the database file and its WAL while open and after close', async () => {
    const b = await backend();
    await call(
      b,
      'trainees:create',
      traineeInput({
        givenName: NAME,
        familyName: SURNAME,
        email: 'zebedee.quaresma@nhs.example',
        currentPost: 'Quaresma Surgery',
      }),
    );
    const file = path.join(b.dataDir, DATABASE_FILE_NAME);
    const wal = `${file}-wal`;

    // The write sits in the WAL until a checkpoint, so this is where plaintext would show first.
    expect(fs.existsSync(wal)).toBe(true);
    expect(fs.statSync(wal).size).toBeGreaterThan(0);
    for (const f of [file, wal]) {
      expect(containsPlainText(f, NAME), f).toBe(false);
      expect(containsPlainText(f, SURNAME), f).toBe(false);
      expect(containsPlainText(f, 'nhs.example'), f).toBe(false);
    }
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');

    await b.close();
    toClose.length = 0;
    expect(containsPlainText(file, SURNAME)).toBe(false);
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it('cannot be read without a key', async () => {
    const { file } = await closedDatabaseWithTrainee();
    const plain = new Database(file, { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow();
    plain.close();
  });

  it.runIf(process.platform !== 'win32')('gives the database, WAL and shared-memory files mode 0600', async () => {
    const b = await backend();
    await call(b, 'trainees:create', traineeInput());
    const file = path.join(b.dataDir, DATABASE_FILE_NAME);
    expect(mode(file)).toBe(0o600);
    for (const f of [`${file}-wal`, `${file}-shm`]) {
      expect(fs.existsSync(f), f).toBe(true);
      expect(mode(f), f).toBe(0o600);
    }
  });
});

describe('refusing to open', () => {
  it('refuses a wrong key with wrong_key, changing no byte and creating no file', async () => {
    const { dataDir, file, key } = await closedDatabaseWithTrainee();
    const before = { hash: sha256(file), files: listDir(dataDir) };

    const error = await openFailure(file, randomBytes(32));
    expect(error.reason).toBe('wrong_key');
    expect(error.message).toMatch(/Nothing was changed/);
    expect(error.message).not.toContain(key.toString('hex'));

    expect(sha256(file)).toBe(before.hash);
    expect(listDir(dataDir)).toEqual(before.files);

    // The right key still works afterwards.
    const s = await store(file, key);
    expect(await s.db.selectFrom('trainees').select('family_name').execute()).toEqual([{ family_name: SURNAME }]);
  });

  it('refuses a file that is not a database with wrong_key and leaves it alone', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.db');
    fs.writeFileSync(file, 'Dear diary, this is not a database at all. '.repeat(200));
    const before = sha256(file);
    const error = await openFailure(file, randomBytes(32));
    expect(error.reason).toBe('wrong_key');
    expect(sha256(file)).toBe(before);
    expect(listDir(dir)).toEqual(['notes.db']);
  });

  it.each([0, 16, 31, 33, 64])('refuses a %i-byte key with bad_key before touching the disk', async (length) => {
    const dir = tempDir();
    const file = path.join(dir, 'app.db');
    const error = await openFailure(file, randomBytes(length));
    expect(error.reason).toBe('bad_key');
    expect(listDir(dir)).toEqual([]);
  });

  it('refuses a database whose migrations include one this app does not know (newer_schema), unchanged', async () => {
    const { dataDir, file, key } = await closedDatabaseWithTrainee();
    const raw = openRaw(file, key);
    raw
      .prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)')
      .run('9999_from_the_future', new Date().toISOString());
    raw.close();
    const before = { hash: sha256(file), files: listDir(dataDir) };

    const error = await openFailure(file, key);
    expect(error.reason).toBe('newer_schema');
    expect(error.message).toMatch(/newer version/);
    expect(sha256(file)).toBe(before.hash);
    expect(listDir(dataDir)).toEqual(before.files);
    expect(backupsIn(dataDir)).toEqual([]);

    const check = openRaw(file, key);
    expect(check.prepare('SELECT name FROM kysely_migration ORDER BY name').all()).toEqual([
      ...MIGRATIONS.map(([name]) => ({ name })),
      { name: '9999_from_the_future' },
    ]);
    check.close();
  });

  it('refuses a database whose migration history does not match the known order (newer_schema)', async () => {
    const { file, key } = await closedDatabaseWithTrainee();
    const raw = openRaw(file, key);
    raw.prepare('UPDATE kysely_migration SET name = ? WHERE name = ?').run('0001_someone_elses', '0001_initial');
    raw.close();
    const error = await openFailure(file, key);
    expect(error.reason).toBe('newer_schema');
  });
});
