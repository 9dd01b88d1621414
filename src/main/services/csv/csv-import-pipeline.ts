import type { Kysely, Transaction } from 'kysely';
import type { EventBus } from '../../event-bus';
import { yieldToEventLoop } from '../../event-bus';
import type { DB } from '../../store/schema';
import { decodeCsvBytes, readCsv, type CsvEncoding, type CsvRecord, type CsvTable } from './read-csv';

/** A CSV file sent from the renderer, with the job id its progress events carry. */
export interface CsvImportRequest {
  jobId: string;
  fileName: string;
  contentBase64: string;
}

export type CsvRowStatus = 'create' | 'update' | 'unchanged' | 'error';

export interface CsvCheckedRow {
  line: number;
  status: CsvRowStatus;
}

/** What one importer brings to the pipeline: its columns, its row check and its writer. */
export interface CsvImporter<Request extends CsvImportRequest, Context, Row extends CsvCheckedRow> {
  /**
   * Maps the file's headers to the importer's columns and loads what rows are checked against.
   * Throws an AppError for a mapping that cannot work. The context may keep per-file state
   * (e.g. the first line each key was seen on).
   */
  prepare(table: CsvTable, request: Request): Promise<Context>;
  /** Checks one record: its status and, when it cannot be imported, the reasons. */
  checkRow(record: CsvRecord, context: Context): Row;
  /** The progress phase while writing, e.g. "Saving trainees". */
  savingPhase: string;
  /** Writes one row to create or update, inside the import's one transaction. */
  writeRow(trx: Transaction<DB>, row: Row, at: string): Promise<void>;
}

export interface CheckedCsv<Context, Row extends CsvCheckedRow> {
  encoding: CsvEncoding;
  headers: string[];
  context: Context;
  rows: Row[];
  counts: Record<CsvRowStatus, number>;
}

const PROGRESS_EVERY = 500;

/** What a commit reports: every row is counted once, whether written or not. */
export function importOutcome(counts: Record<CsvRowStatus, number>) {
  return { created: counts.create, updated: counts.update, unchanged: counts.unchanged, rejected: counts.error };
}

/**
 * The import steps every CSV importer shares: decode and read the file, check every row for a
 * preview with per-row reasons, then write every valid row in one transaction (all or none),
 * reporting progress and yielding to the event loop every few hundred rows.
 */
export function csvImportPipeline<Request extends CsvImportRequest, Context, Row extends CsvCheckedRow>(
  db: Kysely<DB>,
  events: EventBus,
  now: () => Date,
  importer: CsvImporter<Request, Context, Row>,
) {
  const progress = (jobId: string, phase: string, done: number, total: number) =>
    events.emit('progress', { jobId, phase, done, total });

  /** Runs `work` over the items, reporting progress (but not the end: the caller says when it is done). */
  async function inSteps<T>(jobId: string, phase: string, items: readonly T[], work: (item: T) => unknown) {
    for (const [index, item] of items.entries()) {
      if (index % PROGRESS_EVERY === 0) {
        progress(jobId, phase, index, items.length);
        await yieldToEventLoop();
      }
      await work(item);
    }
  }

  return {
    async check(request: Request): Promise<CheckedCsv<Context, Row>> {
      const { text, encoding, damaged } = decodeCsvBytes(Buffer.from(request.contentBase64, 'base64'));
      const table = readCsv(text, { damaged: damaged ?? false });
      const context = await importer.prepare(table, request);
      const rows: Row[] = [];
      await inSteps(request.jobId, 'Checking rows', table.records, (record) => {
        rows.push(importer.checkRow(record, context));
      });
      progress(request.jobId, 'Checking rows', rows.length, rows.length);
      const counts: Record<CsvRowStatus, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
      for (const row of rows) counts[row.status]++;
      return { encoding, headers: table.headers, context, rows, counts };
    },

    /** Writes every row to create or update in one transaction: all of them, or (on any failure) none. */
    async write(jobId: string, rows: readonly Row[]): Promise<void> {
      const toWrite = rows.filter((r) => r.status === 'create' || r.status === 'update');
      await db.transaction().execute(async (trx) => {
        const at = now().toISOString();
        await inSteps(jobId, importer.savingPhase, toWrite, (row) => importer.writeRow(trx, row, at));
      });
      progress(jobId, importer.savingPhase, toWrite.length, toWrite.length);
    },
  };
}
