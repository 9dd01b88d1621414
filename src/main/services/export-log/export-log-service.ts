import type { Kysely } from 'kysely';
import { toCsv } from '../../../shared/csv';
import { formatUkDateTime, ukToday } from '../../../shared/dates';
import { MIME, type ExportedFile } from '../../../shared/exports';
import {
  describeTrainees,
  EXPORT_KINDS,
  UNKNOWN_DESTINATION,
  type ExportLogEntry,
  type ExportRecord,
} from '../../../shared/export-log/export-log-types';
import type { DB } from '../../store/schema';
import { readExportLog, recordExport } from './export-log-read';

export type ExportLogService = ReturnType<typeof createExportLogService>;

/** The log as a person reads it: the same columns as the Settings table. */
export function exportLogCsv(entries: readonly ExportLogEntry[]): string {
  const rows = entries.map((e) => [
    formatUkDateTime(e.at),
    EXPORT_KINDS.label(e.kind),
    describeTrainees(e.trainees),
    e.description,
    e.destination ?? UNKNOWN_DESTINATION,
  ]);
  return toCsv(['When', 'Kind', 'Trainees', 'Description', 'Destination'], rows);
}

export function createExportLogService(db: Kysely<DB>, now: () => Date) {
  return {
    list: () => readExportLog(db),
    async record(entry: ExportRecord): Promise<{ id: string }> {
      return { id: await recordExport(db, entry, now()) };
    },
    async csv(): Promise<ExportedFile> {
      const entries = await readExportLog(db);
      const file: ExportedFile = {
        fileName: `export-log-${ukToday(now())}.csv`,
        mimeType: MIME.csv,
        base64: Buffer.from(exportLogCsv(entries), 'utf8').toString('base64'),
      };
      const traineeIds = entries.flatMap((e) => e.trainees.map((t) => t.traineeId).filter((id) => id !== null));
      await recordExport(db, { kind: 'csv', traineeIds, description: 'Export log CSV' }, now());
      return file;
    },
  };
}
