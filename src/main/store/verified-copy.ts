import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { sql, type Kysely } from 'kysely';

export interface KeyedFileOptions {
  key: Buffer;
  nativeBinding?: string;
  readonly?: boolean;
}

/** Opens an encrypted database file the way the store does (SQLCipher v4 layout). */
export function openKeyedFile(file: string, options: KeyedFileOptions): Database.Database {
  const sqlite = new Database(file, {
    ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    sqlite.pragma(`cipher='sqlcipher'`);
    sqlite.pragma('legacy=4');
    sqlite.pragma(`key="x'${options.key.toString('hex')}'"`);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}

export function fsyncPath(target: string, flags: 'r' | 'r+'): void {
  // Windows cannot open a folder to fsync it; NTFS journals the rename itself.
  if (flags === 'r' && process.platform === 'win32') return;
  const fd = fs.openSync(target, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** `ok`, or what SQLite found wrong (wrong key and unreadable files included). */
export function integrityProblem(file: string, options: KeyedFileOptions): string | null {
  let sqlite: Database.Database | null = null;
  try {
    sqlite = openKeyedFile(file, { ...options, readonly: true });
    const rows = sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const result = rows.map((r) => r.integrity_check).join('; ');
    return result === 'ok' ? null : result;
  } catch (error) {
    return (error as Error).message;
  } finally {
    sqlite?.close();
  }
}

export class CopyNotVerifiedError extends Error {
  constructor(target: string, problem: string) {
    super(`The copy of the database at ${target} failed its integrity check (${problem}), so it was not kept.`);
    this.name = 'CopyNotVerifiedError';
  }
}

/**
 * A consistent copy of a live database: `VACUUM INTO` a temporary name (same key), fsync it (SQLite
 * does not), open it read-only and run `integrity_check`; only then does it count. Returns the
 * temporary file; `keepAs` renames it into place and fsyncs the folder.
 */
export async function verifiedVacuumCopy(
  vacuumInto: (file: string) => unknown,
  folder: string,
  baseName: string,
  options: KeyedFileOptions & { keepAs?: string },
): Promise<string> {
  const temp = path.join(folder, `.${baseName}.${randomBytes(6).toString('hex')}.tpd-partial`);
  try {
    await vacuumInto(temp);
    fs.chmodSync(temp, 0o600);
    fsyncPath(temp, 'r+');
    const problem = integrityProblem(temp, options);
    if (problem) throw new CopyNotVerifiedError(options.keepAs ?? temp, problem);
    if (!options.keepAs) return temp;
    fs.renameSync(temp, options.keepAs);
    fsyncPath(path.dirname(options.keepAs), 'r');
    return options.keepAs;
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Rows whose foreign key points at no row (SQLite checks keys on write, not on a file it is given), named. */
export async function orphanedRows<T>(db: Kysely<T>, limit = 5): Promise<string[]> {
  const { rows } = await sql<{ table: string; rowid: number; parent: string }>`
    SELECT "table", rowid, parent FROM pragma_foreign_key_check LIMIT ${limit}
  `.execute(db);
  return rows.map((r) => `row ${r.rowid} of ${r.table} points at no row of ${r.parent}`);
}
