import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  ERASED_TRAINEE,
  type ExportKind,
  type ExportLogEntry,
  type ExportRecord,
} from '../../../shared/export-log/export-log-types';
import { displayName } from '../../../shared/trainees';
import type { Executor } from '../../store/open-store';
import type { DB } from '../../store/schema';

/**
 * Records that data left the app: when, what kind, about which trainees, and where to. Every
 * producer calls this once the file or text is made. Only a short description is kept, never
 * content. Runs in the caller's transaction if given one, else in its own.
 */
export async function recordExport(db: Executor, entry: ExportRecord, now: Date = new Date()): Promise<string> {
  const id = randomUUID();
  const write = async (trx: Executor) => {
    await trx
      .insertInto('export_log')
      .values({
        id,
        at: now.toISOString(),
        kind: entry.kind,
        description: entry.description,
        destination: entry.destination ?? null,
      })
      .execute();
    const traineeIds = [...new Set(entry.traineeIds)];
    // Batches keep each statement under SQLite's limit on bound values.
    for (let i = 0; i < traineeIds.length; i += 300) {
      await trx
        .insertInto('export_log_trainees')
        .values(
          traineeIds.slice(i, i + 300).map((traineeId) => ({ id: randomUUID(), export_id: id, trainee_id: traineeId })),
        )
        .execute();
    }
  };
  if (db.isTransaction) await write(db);
  else await (db as Kysely<DB>).transaction().execute(write);
  return id;
}

/**
 * For erasure: the trainee's links in the export log become NULL, so each entry still says an
 * export happened and how many trainees it covered, and reads "an erased trainee" for them.
 */
export async function forgetTraineeInExportLog(db: Executor, traineeId: string): Promise<number> {
  const result = await db
    .updateTable('export_log_trainees')
    .set({ trainee_id: null })
    .where('trainee_id', '=', traineeId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The log, newest first; only entries about `traineeId` when given (subject access). */
export async function readExportLog(db: Executor, options: { traineeId?: string } = {}): Promise<ExportLogEntry[]> {
  let entries = db.selectFrom('export_log').selectAll();
  if (options.traineeId) {
    const traineeId = options.traineeId;
    entries = entries.where('id', 'in', (eb) =>
      eb.selectFrom('export_log_trainees').select('export_id').where('trainee_id', '=', traineeId),
    );
  }
  const rows = await entries.orderBy('at', 'desc').orderBy('id').execute();
  if (rows.length === 0) return [];
  // Names come from the register as it is now: never stored in the log, so erasure leaves none behind.
  let links = db
    .selectFrom('export_log_trainees as l')
    .leftJoin('trainees as t', 't.id', 'l.trainee_id')
    .select(['l.export_id', 'l.trainee_id', 't.given_name', 't.family_name', 't.preferred_name']);
  if (options.traineeId) {
    const traineeId = options.traineeId;
    links = links.where('l.export_id', 'in', (eb) =>
      eb.selectFrom('export_log_trainees').select('export_id').where('trainee_id', '=', traineeId),
    );
  }
  const byExport = new Map<string, ExportLogEntry['trainees']>();
  for (const link of await links.orderBy('t.family_name').orderBy('t.given_name').execute()) {
    const list = byExport.get(link.export_id) ?? [];
    const known = link.trainee_id !== null && link.given_name !== null;
    list.push({
      traineeId: known ? link.trainee_id : null,
      name: known
        ? displayName({
            givenName: link.given_name!,
            familyName: link.family_name!,
            preferredName: link.preferred_name,
          })
        : ERASED_TRAINEE,
    });
    byExport.set(link.export_id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    // Written only through recordExport, whose kind is typed.
    kind: row.kind as ExportKind,
    description: row.description,
    destination: row.destination,
    trainees: byExport.get(row.id) ?? [],
  }));
}
