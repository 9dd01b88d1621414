import { sql, type Kysely } from 'kysely';

/**
 * Leaving training and extensions of training. Frozen once released.
 * - trainees.left_training_on: the day a trainee left; with status 'left' (no CCT) it starts the
 *   12 months in which one more AKT or SCA attempt is allowed; with 'completed' it is the CCT date.
 * - exam_extensions: periods of extension (standard, up to 12 months; exceptional, up to 6 more).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('trainees').addColumn('left_training_on', 'text').execute();
  await db.schema
    .createTable('exam_extensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trainee_id', 'text', (c) => c.notNull().references('trainees.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('standard', 'exceptional')`))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('exam_extensions_trainee')
    .on('exam_extensions')
    .columns(['trainee_id', 'starts_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('exam_extensions').execute();
  await db.schema.alterTable('trainees').dropColumn('left_training_on').execute();
}
