import { sql, type Kysely } from 'kysely';

/**
 * Today's rows kept in the (encrypted) file between sessions, so the first look after unlocking
 * reads one small table instead of every source (services/today/today-rows.ts):
 * - today_rows: each trainee's Today rows as JSON, derived from their records;
 * - today_dirty: trainees written since the rows were saved ('*': everyone), noted by triggers in
 *   the same transaction as each write, so rows plus notes are always the truth;
 * - today_state: what the rows were read for (day, horizon) and by which version of the rules.
 * No foreign keys: erasure deletes a trainee's rows itself. Frozen once released.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('today_rows')
    .addColumn('trainee_id', 'text', (c) => c.primaryKey())
    .addColumn('items', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('today_dirty')
    .addColumn('trainee_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('today_state')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('stamp', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('horizon', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('today_state').execute();
  await db.schema.dropTable('today_dirty').execute();
  await db.schema.dropTable('today_rows').execute();
}
