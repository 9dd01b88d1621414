import type { Kysely } from 'kysely';

/**
 * Characteristics for cohort evaluation only (primary medical qualification, entry route, less than
 * full time), one row per trainee and characteristic, each stored only with the trainee's agreement
 * and its date. A table of their own, so no other feature's reads can pick them up. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('evaluation_characteristics')
    .addColumn('trainee_id', 'text', (c) => c.notNull().references('trainees.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('agreed_on', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_characteristics_pk', ['trainee_id', 'field'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('evaluation_characteristics').ifExists().execute();
}
