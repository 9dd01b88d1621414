import { sql, type Kysely } from 'kysely';

// Frozen once released: later changes go in a new migration.
// Indexes for the region-sized register (tens of thousands of trainees): every screen that
// looks for what is due reads only the rows in its window, through one of these, instead of
// scanning a whole table.

export async function up(db: Kysely<any>): Promise<void> {
  // Re-sit monitor: attempts that failed or await a result, and each trainee's passes.
  await db.schema.createIndex('exam_attempts_result').on('exam_attempts').columns(['result', 'trainee_id']).execute();
  // ARCP deadlines: each trainee's last panel with an outcome (covering), and open records.
  await db.schema
    .createIndex('arcp_records_last_outcome')
    .on('arcp_records')
    .columns(['trainee_id', 'outcome', 'panel_date'])
    .execute();
  await db.schema.createIndex('arcp_records_outcome').on('arcp_records').columns(['outcome', 'trainee_id']).execute();
  // Today: early-needs retention by date.
  await db.schema.createIndex('early_needs_retain_until').on('early_needs').column('retain_until').execute();
  // Today counts what is due from these alone (covering indexes: no table row is read), then
  // reads in full only the rows it shows.
  await db.schema
    .createIndex('trainees_schedule')
    .on('trainees')
    .columns(['status', 'archived_at', 'id', 'programme_start_date', 'created_at'])
    .execute();
  // Partial: only the few archived trainees and deleted 1:1s, so no query for the live ones picks it.
  await db.schema
    .createIndex('trainees_archived')
    .on('trainees')
    .columns(['archived_at', 'id'])
    .where(sql.ref('archived_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('meetings_latest')
    .on('meetings')
    .columns(['trainee_id', 'deleted_at', 'held_on', 'next_due_on'])
    .execute();
  await db.schema
    .createIndex('meetings_deleted')
    .on('meetings')
    .columns(['deleted_at', 'id'])
    .where(sql.ref('deleted_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('meeting_actions_due')
    .on('meeting_actions')
    .columns(['done_on', 'due_on', 'trainee_id', 'meeting_id', 'id'])
    .execute();
  await db.schema
    .createIndex('plp_goals_due')
    .on('plp_goals')
    .columns(['status', 'deleted_at', 'next_review_on', 'target_on', 'trainee_id', 'id'])
    .execute();
  await db.schema
    .createIndex('support_items_due')
    .on('support_items')
    .columns(['status', 'deleted_at', 'follow_up_on', 'trainee_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'exam_attempts_result',
    'arcp_records_last_outcome',
    'arcp_records_outcome',
    'early_needs_retain_until',
    'trainees_schedule',
    'trainees_archived',
    'meetings_latest',
    'meetings_deleted',
    'meeting_actions_due',
    'plp_goals_due',
    'support_items_due',
  ])
    await db.schema.dropIndex(name).ifExists().execute();
}
