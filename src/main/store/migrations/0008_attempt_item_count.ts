import { sql, type Kysely } from 'kysely';

/**
 * The number of items in the paper an attempt was scored on. AKT scores already recorded are
 * given their sitting's paper: 200 items before the October 2025 sitting, 160 from it. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('exam_attempts').addColumn('item_count', 'integer').execute();
  await sql`
    UPDATE exam_attempts SET item_count = CASE WHEN sitting_date >= '2025-10-01' THEN 160 ELSE 200 END
    WHERE score IS NOT NULL AND exam_id IN (SELECT id FROM exam_definitions WHERE upper(code) = 'AKT')
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('exam_attempts').dropColumn('item_count').execute();
}
