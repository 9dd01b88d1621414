import { sql, type Kysely } from 'kysely';

/** A table of the live schema: its columns and the foreign keys it declares. */
export interface SchemaTable {
  name: string;
  columns: string[];
  /** This table's `from` column refers to `table`.`to`. */
  references: Array<{ table: string; from: string; to: string }>;
  /** An FTS5 (or other virtual) table; its shadow tables are ordinary ones named after it. */
  virtual: boolean;
}

/**
 * Every table the app keeps, read from SQLite's own catalogue (not SQLite's or Kysely's bookkeeping),
 * for the code and tests that must follow the schema rather than a hand-kept list: subject access,
 * and the checks that erasure and handovers miss no table about a trainee.
 */
export async function readSchemaTables<T>(db: Kysely<T>): Promise<SchemaTable[]> {
  const { rows } = await sql<{ name: string; sql: string | null }>`
    SELECT name, sql FROM sqlite_master
    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' ORDER BY name
  `.execute(db);
  const tables: SchemaTable[] = [];
  for (const { name, sql: definition } of rows) {
    const columns = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${name})`.execute(db);
    const keys = await sql<{ table: string; from: string; to: string | null }>`
      SELECT "table", "from", "to" FROM pragma_foreign_key_list(${name})
    `.execute(db);
    tables.push({
      name,
      columns: columns.rows.map((c) => c.name),
      references: keys.rows.map((k) => ({ table: k.table, from: k.from, to: k.to ?? 'id' })),
      virtual: /^CREATE VIRTUAL/i.test(definition ?? ''),
    });
  }
  return tables;
}

/**
 * The tables about trainees: those with a `trainee_id` column or a foreign key to trainees, then
 * those with a foreign key to a table already found, to any depth (reviews of goals, links of 1:1s).
 */
export function tablesAboutTrainees(tables: readonly SchemaTable[]): string[] {
  const about = new Set<string>(['trainees']);
  for (let grew = true; grew;) {
    grew = false;
    for (const table of tables) {
      if (about.has(table.name)) continue;
      if (table.columns.includes('trainee_id') || table.references.some((r) => about.has(r.table))) {
        about.add(table.name);
        grew = true;
      }
    }
  }
  about.delete('trainees');
  return [...about].sort();
}
