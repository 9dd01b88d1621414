import type { Kysely } from 'kysely';

// Frozen once released: later changes go in a new migration.
// Indexes for the region-sized register (tens of thousands of trainees): every screen that
// looks for what is due reads only the rows in its window, through one of these, instead of
// scanning a whole table.

export async function up(db: Kysely<any>): Promise<void> {
  // Re-sit monitor: attempts that failed or await a result, and each trainee's passes.
  await db.schema.createIndex('exam_attempts_result').on('exam_attempts').columns(['result', 'trainee_id']).execute();
  // ARCP deadlines: open records (no outcome yet, or outcome 5).
  await db.schema.createIndex('arcp_records_outcome').on('arcp_records').columns(['outcome', 'trainee_id']).execute();
  // Today: early-needs retention by date.
  await db.schema.createIndex('early_needs_retain_until').on('early_needs').column('retain_until').execute();
  // Today's 1:1s due: trainees by status, for the register's active part.
  await db.schema.createIndex('trainees_status').on('trainees').columns(['status', 'archived_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['exam_attempts_result', 'arcp_records_outcome', 'early_needs_retain_until', 'trainees_status'])
    await db.schema.dropIndex(name).ifExists().execute();
}
