import type { Kysely } from 'kysely';

/**
 * The export log: one row each time data leaves the app. Trainees are linked, never named: the
 * name is read from `trainees` when the log is shown, so once a trainee is erased their link is
 * set to NULL and the entry reads "an erased trainee" while the count of trainees stays right.
 * Frozen once released: later changes go in a new migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('export_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('destination', 'text')
    .execute();
  await db.schema.createIndex('export_log_at').on('export_log').columns(['at']).execute();

  await db.schema
    .createTable('export_log_trainees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('export_id', 'text', (c) => c.notNull().references('export_log.id').onDelete('cascade'))
    .addColumn('trainee_id', 'text', (c) => c.references('trainees.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('export_log_trainees_export').on('export_log_trainees').columns(['export_id']).execute();
  await db.schema
    .createIndex('export_log_trainees_trainee')
    .on('export_log_trainees')
    .columns(['trainee_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('export_log_trainees').execute();
  await db.schema.dropTable('export_log').execute();
}
