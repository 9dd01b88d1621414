import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * A digest of every row of every table in the main database, in rowid order (the search index's
 * own tables included), so "nothing was written" can be checked exactly, whatever the WAL holds.
 */
export async function databaseDigest<T>(db: Kysely<T>): Promise<string> {
  const hash = createHash('sha256');
  const { rows: tables } = await sql<{ name: string; sql: string | null }>`
    SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
  `.execute(db);
  for (const { name, sql: definition } of tables) {
    if (/^CREATE VIRTUAL/i.test(definition ?? '')) continue; // its shadow tables hold its content
    hash.update(`${name}\n${definition}\n`);
    const withoutRowid = /WITHOUT ROWID\s*$/i.test(definition ?? '');
    const { rows } = await sql.raw(`SELECT * FROM "${name}"${withoutRowid ? '' : ' ORDER BY rowid'}`).execute(db);
    for (const row of rows)
      hash.update(
        JSON.stringify(row, (_key, value: unknown) =>
          value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
        ),
      );
  }
  return hash.digest('hex');
}
