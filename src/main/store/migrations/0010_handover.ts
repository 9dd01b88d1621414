import type { Kysely } from 'kysely';

/** Provenance of records imported from a handover file ("handed over by … on …"). Frozen once released. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('handover_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_name', 'text', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('handover_records')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('trainee_id', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull().references('handover_imports.id'))
    .addPrimaryKeyConstraint('handover_records_pk', ['table_name', 'record_id'])
    .execute();
  await db.schema.createIndex('handover_records_trainee').on('handover_records').column('trainee_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('handover_records').execute();
  await db.schema.dropTable('handover_imports').execute();
}
