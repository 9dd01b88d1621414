import { sql, type Kysely } from 'kysely';

/**
 * Today's rows kept up to date in the (encrypted) file, so a look at Today asks SQL for the few
 * rows it shows instead of reading every source (services/today/today-rows.ts):
 * - today_rows: every trainee's Today rows, one row each, derived from their records; `dated` rows
 *   (the SQL sources') take their urgency from their date and show once their window opens, the
 *   others (ARCP, exams, retention) carry the urgency they were read with for their `day` (today,
 *   or one of the next few, read ahead while the app is idle);
 * - today_counts: how many of those rows fall on each date, by kind, urgency and day read for;
 * - today_dirty: trainees written since the rows were brought up to date ('*': everyone), noted by
 *   triggers in the same transaction as each write, so rows plus notes are always the truth;
 * - today_state: the day and read-ahead horizon the rows are for, the last day read ahead, and
 *   the rules that read them.
 * No foreign keys: erasure deletes a trainee's rows itself. Frozen once released.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('today_rows')
    .addColumn('trainee_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('dated', 'integer', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('day', 'text')
    .execute();
  // Covers the counts and the walk in date order that finds each group's first rows.
  await db.schema
    .createIndex('today_rows_due')
    .on('today_rows')
    .columns(['due_on', 'kind', 'dated', 'urgency', 'day'])
    .execute();
  await db.schema.createIndex('today_rows_trainee').on('today_rows').column('trainee_id').execute();
  // The few rows a new day replaces, found without reading the rest.
  await db.schema
    .createIndex('today_rows_undated')
    .on('today_rows')
    .column('day')
    .where(sql.ref('dated'), '=', 0)
    .execute();
  // How many rows of each kind fall on each date (and urgency, and day read for), kept with the
  // rows: Today's counts and each group's cut-off come from a table that grows with dates, not rows.
  await db.schema
    .createTable('today_counts')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('dated', 'integer', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('today_counts_key', ['kind', 'due_on', 'dated', 'urgency', 'day'])
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
    .addColumn('staged_until', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('today_state').execute();
  await db.schema.dropTable('today_dirty').execute();
  await db.schema.dropTable('today_counts').execute();
  await db.schema.dropTable('today_rows').execute();
}
