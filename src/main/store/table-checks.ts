import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** Migrations run against the schema of their own time, not today's row types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Kysely's migrations are written
type AnyDb = Kysely<any>;

/** One CHECK constraint: its name and a boolean SQL expression over the row, valid on SQLite and PostgreSQL. */
export type CheckConstraint = readonly [name: string, expression: string];

/**
 * Stored rows that break a CHECK about to be added. The migration stops (and rolls back) with this
 * message rather than the engine's bare "CHECK constraint failed", so the person who sees it knows
 * which record to look at; the copy made before migrating keeps the database as it was.
 */
export class RowsBreakChecksError extends Error {
  constructor(
    message: string,
    /** The rows and the checks they break, without the sentence around them. */
    readonly rows: string,
  ) {
    super(message);
    this.name = 'RowsBreakChecksError';
  }
}

/** `name IN ('a', 'b')`, written out so the expression is plain SQL for either engine. */
export function inList(column: string, values: readonly (string | number)[]): string {
  return `${column} IN (${values.map((v) => (typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`)).join(', ')})`;
}

/** A yyyy-mm-dd date column (LIKE with `_`: any one character; the app's gate checks the calendar). */
export const dateShape = (column: string, nullable = false) =>
  nullable ? `(${column} IS NULL OR ${column} LIKE '____-__-__')` : `${column} LIKE '____-__-__'`;

/** A JSON list or object column: shaped like one (a full parse is the app's gate; neither engine's JSON test is portable). */
export const jsonShape = (column: string, kind: 'list' | 'object') =>
  `${column} LIKE '${kind === 'list' ? '[%]' : '{%}'}'`;

/** Names up to five rows of `table` that break `check`, by their key, and how many do. */
async function rowsBreaking(db: AnyDb, table: string, [name, expression]: CheckConstraint) {
  const key = (
    await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info(${table})`.execute(db)
  ).rows
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const keyList = (key.length > 0 ? key : ['rowid']).map((k) => `"${k}"`).join(` || ' / ' || `);
  const where = `NOT (${expression})`;
  const { rows } = await sql
    .raw<{ k: string }>(`SELECT ${keyList} AS k FROM "${table}" WHERE ${where} LIMIT 5`)
    .execute(db);
  if (rows.length === 0) return null;
  const count = (await sql.raw<{ n: number }>(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`).execute(db))
    .rows[0]!.n;
  return `${count} row${count === 1 ? '' : 's'} of ${table} (${rows.map((r) => r.k).join(', ')}${count > 5 ? ', …' : ''}) break ${name}: ${expression}`;
}

/**
 * Adds CHECK constraints to existing tables. PostgreSQL adds them in place. SQLite cannot, so each
 * table is rebuilt by its documented procedure (https://sqlite.org/lang_altertable.html, "Making
 * Other Kinds Of Table Schema Changes"), inside the migration's transaction:
 *   1. foreign keys are off: `openStore` turns them off before a migration that rebuilds tables runs
 *   2. the migration's transaction is open
 *   3. remember the table's indexes and triggers (its CREATE statements)
 *   4. create the new table: the stored CREATE TABLE text, renamed, with the constraints added
 *   5. copy every row, rowid included (refused first, with the rows named, if any breaks a check)
 *   6. drop the old table (no FK actions fire: they are off; no triggers fire on DROP)
 *   7. rename the new table to the old name (children's REFERENCES name it, so they point at it),
 *      in legacy mode so triggers of other tables that name the table are left as written
 *   8. recreate the indexes and triggers (FTS5 search triggers included) from their own text
 *   9. no views refer to these tables
 *  10. `PRAGMA foreign_key_check`: refused if any row lost its parent
 *  11. the migration's transaction commits
 *  12. `openStore` turns foreign keys back on
 */
export async function addCheckConstraints(
  db: AnyDb,
  checks: Readonly<Record<string, readonly CheckConstraint[]>>,
): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const [table, constraints] of Object.entries(checks))
      for (const [name, expression] of constraints)
        await sql.raw(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" CHECK (${expression})`).execute(db);
    return;
  }
  const broken: string[] = [];
  for (const [table, constraints] of Object.entries(checks))
    for (const check of constraints) {
      const found = await rowsBreaking(db, table, check);
      if (found) broken.push(found);
    }
  if (broken.length > 0)
    throw new RowsBreakChecksError(
      `Some records break rules the database now enforces, so the update stopped and changed nothing: ${broken.join('; ')}.`,
      broken.join('; '),
    );
  for (const [table, constraints] of Object.entries(checks)) await rebuildWithChecks(db, table, constraints);
  const orphans = await sql<{ table: string }>`SELECT "table" FROM pragma_foreign_key_check`.execute(db);
  if (orphans.rows.length > 0)
    throw new Error(`Rebuilding tables left rows without their parent in ${orphans.rows[0]!.table}.`);
}

async function rebuildWithChecks(db: AnyDb, table: string, constraints: readonly CheckConstraint[]) {
  const temporary = `${table}__with_checks`;
  const { rows: objects } = await sql<{ type: string; name: string; sql: string | null }>`
    SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ${table} ORDER BY type, name
  `.execute(db);
  const definition = objects.find((o) => o.type === 'table')?.sql;
  if (!definition) throw new Error(`No table ${table} to add checks to.`);
  const dependents = objects.filter((o) => (o.type === 'index' || o.type === 'trigger') && o.sql !== null);
  // The stored text is the table as created and altered since (ADD COLUMN appends to it), so the new
  // table has every column, default, key and reference the old one had, in the same order.
  const head = /^CREATE TABLE\s+("[^"]+"|`[^`]+`|\[[^\]]+\]|\S+)\s*\(/i.exec(definition);
  if (!head) throw new Error(`Cannot read the definition of ${table}.`);
  const body = definition.slice(head[0].length, definition.lastIndexOf(')'));
  const added = constraints.map(([name, expression]) => `CONSTRAINT "${name}" CHECK (${expression})`).join(', ');
  await sql.raw(`CREATE TABLE "${temporary}" (${body}, ${added})`).execute(db);
  const columns = (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db)).rows
    .map((c) => `"${c.name}"`)
    .join(', ');
  await sql.raw(`INSERT INTO "${temporary}" (rowid, ${columns}) SELECT rowid, ${columns} FROM "${table}"`).execute(db);
  await sql.raw(`DROP TABLE "${table}"`).execute(db);
  // Legacy mode, as SQLite's documentation advises for this step: a modern RENAME re-parses every
  // trigger and view, and the search triggers of other tables name this one, which is gone until the rename ends.
  await sql.raw('PRAGMA legacy_alter_table = ON').execute(db);
  await sql.raw(`ALTER TABLE "${temporary}" RENAME TO "${table}"`).execute(db);
  await sql.raw('PRAGMA legacy_alter_table = OFF').execute(db);
  for (const object of dependents) await sql.raw(object.sql!).execute(db);
}
