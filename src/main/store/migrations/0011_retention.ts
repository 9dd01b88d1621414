import type { Kysely } from 'kysely';

/**
 * Retention decisions: an archived trainee kept on past the retention period (Settings → Retention),
 * and since when, so Today asks again one period later. Erasing the trainee removes their row.
 * Frozen once released: later changes go in a new migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retention_keeps')
    .addColumn('trainee_id', 'text', (c) => c.primaryKey().references('trainees.id'))
    .addColumn('kept_on', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('retention_keeps').execute();
}
