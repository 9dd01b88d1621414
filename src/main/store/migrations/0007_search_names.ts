import { sql, type Kysely } from 'kysely';

// Frozen once released: later changes go in a new migration.
// Ctrl+K finds "O'Brien" from "obrien": FTS5's tokenizer splits a name at its apostrophe, so a
// trainee's document also carries the names with apostrophes removed (only when that differs,
// so a snippet does not show the name twice). Accents are already folded by the tokenizer.

const APOSTROPHES = [`''''`, `'’'`, `'‘'`, `'\`'`, `'´'`];

function withoutApostrophes(expression: string): string {
  return APOSTROPHES.reduce((inner, mark) => `replace(${inner}, ${mark}, '')`, expression);
}

function traineeDocValues(row: string): { title: string; body: string } {
  const names = `${row}given_name || ' ' || ${row}family_name || coalesce(' ' || ${row}preferred_name, '')`;
  const folded = withoutApostrophes(`(${names})`);
  return {
    title: `${row}given_name || ' ' || ${row}family_name || coalesce(' (' || ${row}preferred_name || ')', '')`,
    body:
      `${row}gmc_number || ' ' || ${row}programme || ' ' || ${row}grade || ' ' || coalesce(${row}current_post, '') || ' ' ||` +
      ` coalesce(${row}educational_supervisor, '') || ' ' || ${row}tags ||` +
      ` CASE WHEN ${folded} <> (${names}) THEN ' ' || ${folded} ELSE '' END`,
  };
}

function traineeUpsert(): string {
  const { title, body } = traineeDocValues('new.');
  return `INSERT INTO search_docs(entity, entity_id, trainee_id, title, body, private) VALUES ('trainee', new.id, new.id, ${title}, ${body}, '')
       ON CONFLICT(entity, entity_id) DO UPDATE SET trainee_id = excluded.trainee_id, title = excluded.title, body = excluded.body, private = excluded.private;`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP TRIGGER search_trainees_ai').execute(db);
  await sql.raw('DROP TRIGGER search_trainees_au').execute(db);
  await sql.raw(`CREATE TRIGGER search_trainees_ai AFTER INSERT ON trainees BEGIN ${traineeUpsert()} END`).execute(db);
  await sql.raw(`CREATE TRIGGER search_trainees_au AFTER UPDATE ON trainees BEGIN ${traineeUpsert()} END`).execute(db);
  // Rebuild every trainee's document (the update trigger on search_docs keeps FTS in step).
  const { title, body } = traineeDocValues('');
  await sql
    .raw(
      `INSERT INTO search_docs(entity, entity_id, trainee_id, title, body, private)
       SELECT 'trainee', id, id, ${title}, ${body}, '' FROM trainees WHERE true
       ON CONFLICT(entity, entity_id) DO UPDATE SET title = excluded.title, body = excluded.body`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // The 0002 triggers, as they were.
  const title = `new.given_name || ' ' || new.family_name || coalesce(' (' || new.preferred_name || ')', '')`;
  const body = `new.gmc_number || ' ' || new.programme || ' ' || new.grade || ' ' || coalesce(new.current_post, '') || ' ' || coalesce(new.educational_supervisor, '') || ' ' || new.tags`;
  const upsert = `INSERT INTO search_docs(entity, entity_id, trainee_id, title, body, private) VALUES ('trainee', new.id, new.id, ${title}, ${body}, '')
       ON CONFLICT(entity, entity_id) DO UPDATE SET trainee_id = excluded.trainee_id, title = excluded.title, body = excluded.body, private = excluded.private;`;
  await sql.raw('DROP TRIGGER IF EXISTS search_trainees_ai').execute(db);
  await sql.raw('DROP TRIGGER IF EXISTS search_trainees_au').execute(db);
  await sql.raw(`CREATE TRIGGER search_trainees_ai AFTER INSERT ON trainees BEGIN ${upsert} END`).execute(db);
  await sql.raw(`CREATE TRIGGER search_trainees_au AFTER UPDATE ON trainees BEGIN ${upsert} END`).execute(db);
}
