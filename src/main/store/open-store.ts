import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator, SqliteAdapter, SqliteDialect, type Transaction } from 'kysely';
import { MIGRATIONS, REBUILDS_TABLES } from './migrations';
import { RowsBreakChecksError } from './table-checks';
import type { DB } from './schema';
import { verifiedVacuumCopy } from './verified-copy';

/** A function that may run inside a transaction takes this and uses only it. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Store {
  db: Kysely<DB>;
  /**
   * Rows as arrays, from one cached prepared statement: for reads of thousands of rows, where
   * building a keyed object per row in the driver costs more than the query. Waits its turn on
   * the one connection like every Kysely query, so it never sees a transaction half done.
   */
  readRows: ReadRows;
  file: string;
  /** Copies made before migrations ran, newest last. */
  backups: string[];
  close(): Promise<void>;
}

/** The caller states each row's tuple type; it matches the statement's columns by construction, not by check. */
export type ReadRows = <Values extends unknown[] = unknown[]>(
  sql: string,
  params?: readonly unknown[],
) => Promise<Values[]>;

export type StoreOpenFailure = 'wrong_key' | 'newer_schema' | 'migration_failed' | 'bad_key';

/** Why the database could not be opened, in words a user can act on. Nothing on disk has changed. */
export class StoreOpenError extends Error {
  constructor(
    readonly reason: StoreOpenFailure,
    message: string,
    /** For a migration stopped by stored rows that break a new rule: which rows, named. */
    readonly rowsBreakingRules?: string,
    /** The copy made before the failed migration, if one was. */
    readonly copy?: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

export interface OpenStoreOptions {
  file: string;
  /** 32 random bytes. Never logged, never sent over IPC. */
  key: Buffer;
  /** Path to a `better_sqlite3.node` built for the running runtime (Electron in development). */
  nativeBinding?: string;
  now?: () => Date;
  /**
   * The database the copy made before migrating is named after (default: `file`). A restore migrates
   * its decrypted temporary file before the swap, and keeps the copy under the real database's name.
   */
  copyNamedAfter?: string;
}

export const KEY_BYTES = 32;

/**
 * Decrypted pages kept in memory (SQLite's default is 2 MiB). A region's register is hundreds of
 * MB on disk: with the default, every screen that joins across it decrypts the same pages again.
 */
export const PAGE_CACHE_KIB = 64 * 1024;

/** SQLite runs DDL inside transactions, though Kysely's adapter says otherwise; this makes each migration atomic. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
class AppSqliteDialect extends SqliteDialect {
  override createAdapter() {
    return new TransactionalSqliteAdapter();
  }
}

function restrictToOwner(file: string): void {
  if (process.platform === 'win32') return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  }
}

function unlockWithKey(sqlite: Database.Database, key: Buffer): void {
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
}

function executedMigrations(sqlite: Database.Database): string[] {
  const table = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`)
    .get();
  if (!table) return [];
  return (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map(
    (r) => r.name,
  );
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { file, key } = options;
  if (key.length !== KEY_BYTES) throw new StoreOpenError('bad_key', `The database key must be ${KEY_BYTES} bytes.`);
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;

  const sqlite = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    unlockWithKey(sqlite, key);
    // The first read is where a wrong key shows; until then nothing has been written.
    sqlite.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  } catch (error) {
    sqlite.close();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new StoreOpenError(
        'wrong_key',
        'The database could not be unlocked: the key does not match, or the file is not a TPD Companion database. Nothing was changed.',
      );
    }
    throw error;
  }

  const known = MIGRATIONS.map(([name]) => name);
  const executed = executedMigrations(sqlite);
  const unknown = executed.filter((name) => !known.includes(name));
  if (unknown.length > 0 || executed.some((name, i) => known[i] !== name)) {
    sqlite.close();
    throw new StoreOpenError(
      'newer_schema',
      'This database was saved by a newer version of TPD Companion. Install the latest version to open it; nothing was changed.',
    );
  }

  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  restrictToOwner(file);

  const backups: string[] = [];
  const pending = known.slice(executed.length);
  if (existed && executed.length > 0 && pending.length > 0) {
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    const backup = `${options.copyNamedAfter ?? file}.before-${pending[0]}-${stamp}.bak`;
    // VACUUM INTO writes a consistent copy encrypted with the same key; it counts once fsynced and integrity-checked.
    try {
      await verifiedVacuumCopy(
        (to) => sqlite.prepare('VACUUM INTO ?').run(to),
        path.dirname(file),
        path.basename(backup),
        {
          key,
          keepAs: backup,
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        },
      );
    } catch (error) {
      sqlite.close();
      throw error;
    }
    backups.push(backup);
  }

  const db = new Kysely<DB>({ dialect: new AppSqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => Object.fromEntries(MIGRATIONS) },
  });
  // Foreign keys cannot be switched inside the migrations' transaction: off before it, on after.
  const rebuilds = pending.some((name) => REBUILDS_TABLES.has(name));
  if (rebuilds) sqlite.pragma('foreign_keys = OFF');
  const { error } = await migrator.migrateToLatest();
  if (rebuilds) sqlite.pragma('foreign_keys = ON');
  if (error) {
    await db.destroy();
    const where = backups.length > 0 ? ` A copy of the database from before the update is at ${backups[0]}.` : '';
    // Records that break a new rule are named, so someone can put them right with the older version.
    const why = error instanceof RowsBreakChecksError ? ` ${error.message}` : '';
    throw new StoreOpenError(
      'migration_failed',
      `Updating the database to this version of the app failed.${why}${where}`,
      error instanceof RowsBreakChecksError ? error.rows : undefined,
      backups[0],
    );
  }
  restrictToOwner(file);

  const statements = new Map<string, Database.Statement>();
  const readRows: ReadRows = <Values extends unknown[]>(query: string, params: readonly unknown[] = []) =>
    db.connection().execute(async () => {
      let statement = statements.get(query);
      if (!statement) statements.set(query, (statement = sqlite.prepare(query).raw(true)));
      return statement.all(...params) as Values[];
    });

  return {
    db,
    readRows,
    file,
    backups,
    close: () => db.destroy(),
  };
}
