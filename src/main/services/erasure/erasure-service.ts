import { sql, type Kysely } from 'kysely';
import { ukToday } from '../../../shared/dates';
import { surnameMatches, type ErasureOutcome, type ErasurePreview, type RetentionKeep } from '../../../shared/erasure';
import { AppError } from '../../../shared/result';
import { displayName } from '../../../shared/trainees/trainee-schema';
import type { Executor } from '../../store/open-store';
import type { DB } from '../../store/schema';
import { KEEP_DAILY, KEEP_WEEKLY } from '../backups/backups-read';
import { recordChange } from '../change-log';
import { forgetTraineeInExportLog } from '../export-log';
import { requireTrainee } from '../trainees/trainees-read';

const byTrainee = (trx: Executor, table: 'meetings' | 'plp_goals' | 'exam_attempts', traineeId: string) =>
  trx.selectFrom(table).select('id').where('trainee_id', '=', traineeId);

/**
 * Every record about the trainee, by what the confirmation lists, in the order the deletes run:
 * children before their parents, for the foreign keys. The trainee's own row goes last, and its
 * delete trigger takes the search index entries with it (search_docs, then FTS5 through its triggers).
 */
const RECORDS: ReadonlyArray<{
  table: keyof DB;
  label: string;
  rows: (trx: Executor, traineeId: string) => { execute(): Promise<unknown[]> } & object;
  remove: (trx: Executor, traineeId: string) => Promise<unknown>;
}> = [
  {
    table: 'meeting_goals',
    label: 'Links between 1:1s and goals',
    rows: (trx, id) =>
      trx
        .selectFrom('meeting_goals')
        .select('meeting_id')
        .where((eb) =>
          eb.or([
            eb('meeting_id', 'in', byTrainee(trx, 'meetings', id)),
            eb('goal_id', 'in', byTrainee(trx, 'plp_goals', id)),
          ]),
        ),
    remove: (trx, id) =>
      trx
        .deleteFrom('meeting_goals')
        .where((eb) =>
          eb.or([
            eb('meeting_id', 'in', byTrainee(trx, 'meetings', id)),
            eb('goal_id', 'in', byTrainee(trx, 'plp_goals', id)),
          ]),
        )
        .execute(),
  },
  {
    table: 'meeting_actions',
    label: 'Agreed actions',
    rows: (trx, id) =>
      trx
        .selectFrom('meeting_actions')
        .select('id')
        .where((eb) => eb.or([eb('trainee_id', '=', id), eb('meeting_id', 'in', byTrainee(trx, 'meetings', id))])),
    remove: (trx, id) =>
      trx
        .deleteFrom('meeting_actions')
        .where((eb) => eb.or([eb('trainee_id', '=', id), eb('meeting_id', 'in', byTrainee(trx, 'meetings', id))]))
        .execute(),
  },
  {
    table: 'plp_reviews',
    label: 'PLP goal reviews',
    rows: (trx, id) =>
      trx
        .selectFrom('plp_reviews')
        .select('id')
        .where('goal_id', 'in', byTrainee(trx, 'plp_goals', id)),
    remove: (trx, id) =>
      trx
        .deleteFrom('plp_reviews')
        .where('goal_id', 'in', byTrainee(trx, 'plp_goals', id))
        .execute(),
  },
  {
    table: 'exam_post_fail',
    label: 'Post-fail conversations',
    rows: (trx, id) =>
      trx
        .selectFrom('exam_post_fail')
        .select('id')
        .where((eb) => eb.or([eb('trainee_id', '=', id), eb('attempt_id', 'in', byTrainee(trx, 'exam_attempts', id))])),
    remove: (trx, id) =>
      trx
        .deleteFrom('exam_post_fail')
        .where((eb) => eb.or([eb('trainee_id', '=', id), eb('attempt_id', 'in', byTrainee(trx, 'exam_attempts', id))]))
        .execute(),
  },
  ...(
    [
      ['exam_readiness', 'Readiness-to-sit discussions'],
      ['exam_extensions', 'Extensions of training'],
      ['exam_attempts', 'Exam attempts'],
      ['arcp_records', 'ARCP records'],
      ['support_items', 'Support offers'],
      ['identified_needs', 'Identified needs'],
      ['early_needs', 'Early-needs form'],
      ['meeting_cadence', '1:1 cadence'],
      ['evaluation_characteristics', 'Characteristics kept for evaluation'],
      ['handover_records', 'Records of where handed-over rows came from'],
      ['plp_goals', 'PLP goals'],
      ['meetings', '1:1 meetings (with their private notes)'],
      ['drafts', 'Unsaved drafts'],
      ['retention_keeps', 'Retention decision'],
    ] as const
  ).map(([table, label]) => ({
    table,
    label,
    rows: (trx: Executor, id: string) => trx.selectFrom(table).select('trainee_id').where('trainee_id', '=', id),
    remove: (trx: Executor, id: string) => trx.deleteFrom(table).where('trainee_id', '=', id).execute(),
  })),
];

/** Tables whose rows about a trainee erasure deletes (the schema-driven test holds the schema to this list). */
export const ERASED_TABLES: readonly string[] = [
  ...RECORDS.map((r) => r.table),
  'search_docs',
  'change_log',
  // Not deleted: the export log keeps each entry and its link loses the trainee (forgetTraineeInExportLog).
  'export_log_trainees',
  // Today's rows and its notes of written trainees.
  'today_rows',
  'today_dirty',
  'trainees',
];

/** The ids of every row about the trainee that other rows may point at: change_log entries and draft keys name them. */
async function idsAbout(trx: Executor, traineeId: string): Promise<string[]> {
  const tables = [
    'meetings',
    'meeting_actions',
    'plp_goals',
    'identified_needs',
    'support_items',
    'exam_attempts',
    'exam_post_fail',
    'exam_readiness',
    'exam_extensions',
    'arcp_records',
  ] as const;
  const lists = await Promise.all(
    tables.map((table) => trx.selectFrom(table).select('id').where('trainee_id', '=', traineeId).execute()),
  );
  const reviews = await trx
    .selectFrom('plp_reviews')
    .select('id')
    .where('goal_id', 'in', byTrainee(trx, 'plp_goals', traineeId))
    .execute();
  return [traineeId, ...lists.flat().map((r) => r.id), ...reviews.map((r) => r.id)];
}

/**
 * History about the trainee: entries about them or any of their rows, and every entry about an
 * entity whose logged fields ever named them (a since-deleted exam attempt or ARCP record).
 */
async function forgetHistory(trx: Executor, traineeId: string, ids: string[]): Promise<void> {
  const idList = JSON.stringify(ids);
  await sql`
    DELETE FROM change_log
    WHERE entity_id IN (SELECT value FROM json_each(${idList}))
       OR entity_id IN (SELECT entity_id FROM change_log WHERE instr(changes, ${traineeId}) > 0)
  `.execute(trx);
  // Drafts are keyed by what they edit (e.g. `meeting:edit:<id>`); one naming any of their rows goes too.
  await sql`
    DELETE FROM drafts
    WHERE trainee_id = ${traineeId}
       OR EXISTS (SELECT 1 FROM json_each(${idList}) WHERE instr(drafts.key, value) > 0 OR instr(drafts.payload, value) > 0)
  `.execute(trx);
}

export type ErasureService = ReturnType<typeof createErasureService>;

export function createErasureService(db: Kysely<DB>, now: () => Date) {
  async function requireArchived(executor: Executor, traineeId: string, doing: string) {
    const trainee = await requireTrainee(executor, traineeId);
    if (!trainee.archived_at) {
      const name = displayName({
        givenName: trainee.given_name,
        familyName: trainee.family_name,
        preferredName: trainee.preferred_name,
      });
      throw new AppError('conflict', `${name} is not archived. Only an archived trainee's record can be ${doing}.`);
    }
    return trainee;
  }

  /** SQLite reuses freed pages without clearing them; these put the erased text out of the file for good. */
  async function reclaimFreedPages(): Promise<void> {
    // The WAL still holds the pages as they were before the delete: copy its last versions in and empty it.
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    // Rebuilds the file from the live rows only, so no freed page or FTS5 leftover keeps a byte of theirs.
    await sql`VACUUM`.execute(db);
    // VACUUM wrote the rebuilt pages through the WAL: fold them in too.
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  }

  return {
    async preview(traineeId: string): Promise<ErasurePreview> {
      const trainee = await requireTrainee(db, traineeId);
      const removes: ErasurePreview['removes'] = [];
      for (const record of RECORDS) {
        const count = (await record.rows(db, traineeId).execute()).length;
        if (count > 0) removes.push({ label: record.label, count });
      }
      const ids = await idsAbout(db, traineeId);
      const history = await sql<{ n: number }>`
        SELECT count(*) AS n FROM change_log
        WHERE entity_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
           OR entity_id IN (SELECT entity_id FROM change_log WHERE instr(changes, ${traineeId}) > 0)
      `.execute(db);
      const historyCount = Number(history.rows[0]?.n ?? 0);
      if (historyCount > 0) removes.push({ label: 'History entries (edits, undo)', count: historyCount });
      return {
        traineeId,
        name: displayName({
          givenName: trainee.given_name,
          familyName: trainee.family_name,
          preferredName: trainee.preferred_name,
        }),
        familyName: trainee.family_name,
        archivedAt: trainee.archived_at,
        removes,
        backupsKept: { daily: KEEP_DAILY, weekly: KEEP_WEEKLY },
      };
    },

    async keep(traineeId: string): Promise<RetentionKeep> {
      return db.transaction().execute(async (trx) => {
        await requireArchived(trx, traineeId, 'kept past the retention period');
        const keptOn = ukToday(now());
        const at = now().toISOString();
        await trx
          .insertInto('retention_keeps')
          .values({ trainee_id: traineeId, kept_on: keptOn, decided_at: at })
          .onConflict((oc) => oc.column('trainee_id').doUpdateSet({ kept_on: keptOn, decided_at: at }))
          .execute();
        await recordChange(trx, { entity: 'trainee', entityId: traineeId, action: 'kept_past_retention' }, now());
        return { traineeId, keptOn };
      });
    },

    /**
     * Deletes every row about an archived trainee in one transaction (a failure deletes nothing),
     * with SQLite's secure_delete on so freed cells are zeroed, then empties the WAL and VACUUMs.
     */
    async erase(traineeId: string, confirmSurname: string): Promise<ErasureOutcome> {
      const before = await requireArchived(db, traineeId, 'erased');
      if (!surnameMatches(confirmSurname, before.family_name)) {
        const message = 'That is not their surname as recorded. Type it exactly to confirm; nothing was erased.';
        throw new AppError('invalid_input', message, { confirmSurname: message });
      }
      const erasedName = displayName({
        givenName: before.given_name,
        familyName: before.family_name,
        preferredName: before.preferred_name,
      });
      const [{ secure_delete: previous } = { secure_delete: 0 }] = (
        await sql<{ secure_delete: number }>`PRAGMA secure_delete`.execute(db)
      ).rows;
      await sql`PRAGMA secure_delete = ON`.execute(db);
      try {
        await db.transaction().execute(async (trx) => {
          // Checked again inside the transaction: a restore in between must not erase someone unarchived.
          await requireArchived(trx, traineeId, 'erased');
          const ids = await idsAbout(trx, traineeId);
          const handovers = await trx
            .selectFrom('handover_records')
            .select('import_id')
            .distinct()
            .where('trainee_id', '=', traineeId)
            .execute();
          await forgetHistory(trx, traineeId, ids);
          // The export log keeps its entries (what left, when) and reads "an erased trainee" from now on.
          await forgetTraineeInExportLog(trx, traineeId);
          for (const record of RECORDS) await record.remove(trx, traineeId);
          await trx.deleteFrom('search_docs').where('trainee_id', '=', traineeId).execute();
          await trx.deleteFrom('trainees').where('id', '=', traineeId).execute();
          // Today's rows about them (their name is in them) and its notes of them go now; without its
          // state, the next look at Today rebuilds it whole, counts included (see today/today-rows).
          await trx.deleteFrom('today_rows').where('trainee_id', '=', traineeId).execute();
          await trx.deleteFrom('today_dirty').where('trainee_id', '=', traineeId).execute();
          await trx.deleteFrom('today_state').execute();
          // A handover that brought only them is now the provenance of nothing.
          if (handovers.length > 0)
            await trx
              .deleteFrom('handover_imports')
              .where(
                'id',
                'in',
                handovers.map((h) => h.import_id),
              )
              .where('id', 'not in', trx.selectFrom('handover_records').select('import_id'))
              .execute();
          // FTS5 deletes leave the old terms in their index segments until a merge: merge them now.
          await sql`INSERT INTO search_fts(search_fts) VALUES ('optimize')`.execute(trx);
        });
        await reclaimFreedPages();
      } finally {
        await sql.raw(`PRAGMA secure_delete = ${Number(previous) ? 'ON' : 'OFF'}`).execute(db);
      }
      return { erasedName };
    },
  };
}
