import type { Kysely } from 'kysely';

/**
 * Frozen once released. Today re-reads one trainee's rows after each write to them, so each of
 * its sources must find a trainee's rows by index: agreed actions had none by trainee (a read
 * walked every open action), and support follow-ups were found by status before trainee.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('meeting_actions_trainee')
    .on('meeting_actions')
    .columns(['trainee_id', 'done_on', 'due_on'])
    .execute();
  await db.schema
    .createIndex('support_items_trainee_due')
    .on('support_items')
    .columns(['trainee_id', 'status', 'deleted_at', 'follow_up_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('support_items_trainee_due').execute();
  await db.schema.dropIndex('meeting_actions_trainee').execute();
}
