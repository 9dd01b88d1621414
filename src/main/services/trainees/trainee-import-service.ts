import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/result';
import {
  autoMapHeaders,
  IMPORT_TARGETS,
  type ImportField,
  type ImportMapping,
  type ImportOutcome,
  type ImportPreview,
  type ImportRowPreview,
  type ImportRowStatus,
} from '../../../shared/trainees/import-mapping';
import { TRAINEE_STATUSES } from '../../../shared/trainees/reference';
import { traineeFieldsSchema, type Trainee, type TraineeFields } from '../../../shared/trainees/trainee-schema';
import { tidySpaces } from '../../../shared/text';
import type { EventBus } from '../../event-bus';
import { yieldToEventLoop } from '../../event-bus';
import type { DB } from '../../store/schema';
import { recordChange } from '../change-log';
import { fieldsToColumns, rowToTrainee, sameFields, traineeFields } from './trainee-rows';
import { decodeCsvBytes, readCsv, type CsvRecord } from '../csv';

export interface ImportRequest {
  jobId: string;
  fileName: string;
  contentBase64: string;
  mapping?: ImportMapping;
}

interface CheckedRow extends ImportRowPreview {
  fields?: TraineeFields;
  existing?: Trainee;
}

const PROGRESS_EVERY = 500;
const LABELS = Object.fromEntries(IMPORT_TARGETS.map((t) => [t.field, t.label])) as Record<ImportField, string>;

function statusFromText(text: string): string {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const match = TRAINEE_STATUSES.find((s) => s.value === key || s.label.toLowerCase().replace(/[\s-]+/g, '_') === key);
  return match ? match.value : text;
}

/** Turns one CSV record into the raw input the trainee schema expects, over any existing values. */
function rawInput(record: CsvRecord, mapping: ImportMapping, existing?: Trainee): Record<string, unknown> {
  const raw: Record<string, unknown> = existing ? { ...traineeFields(existing) } : {};
  const cell = (field: ImportField) => {
    const header = mapping[field];
    return header ? (record.values[header] ?? '') : undefined;
  };
  for (const { field } of IMPORT_TARGETS) {
    const value = cell(field);
    if (value === undefined || field === 'fullName') continue;
    if (field === 'tags')
      raw.tags = value
        .split(/[;,]/)
        .map((t) => t.trim())
        .filter(Boolean);
    else if (field === 'status')
      raw.status = value === '' ? (existing?.status ?? 'in_programme') : statusFromText(value);
    else raw[field] = value;
  }
  const fullName = cell('fullName');
  if (fullName !== undefined && !mapping.givenName && !mapping.familyName) {
    const parts = tidySpaces(fullName).split(' ');
    raw.familyName = parts.length > 1 ? parts.pop() : '';
    raw.givenName = parts.join(' ');
  }
  return raw;
}

function describeIssue(path: PropertyKey[], message: string, record: CsvRecord, mapping: ImportMapping): string {
  const field = String(path[0] ?? '') as ImportField;
  const header = mapping[field];
  const value = header ? record.values[header] : undefined;
  return value ? `${message} (“${value}”)` : message;
}

export type TraineeImportService = ReturnType<typeof createTraineeImportService>;

export function createTraineeImportService(db: Kysely<DB>, events: EventBus, now: () => Date) {
  function progress(jobId: string, phase: string, done: number, total: number) {
    events.emit('progress', { jobId, phase, done, total });
  }

  async function check(request: ImportRequest): Promise<{ preview: ImportPreview; rows: CheckedRow[] }> {
    const { text, encoding } = decodeCsvBytes(Buffer.from(request.contentBase64, 'base64'));
    const table = readCsv(text);
    const proposed = autoMapHeaders(table.headers);
    const mapping: ImportMapping = { ...proposed, ...request.mapping };
    for (const [field, header] of Object.entries(mapping)) {
      if (header && !table.headers.includes(header)) {
        throw new AppError(
          'invalid_input',
          `The column “${header}” chosen for ${LABELS[field as ImportField]} is not in this file.`,
        );
      }
    }
    const hasName = (mapping.givenName && mapping.familyName) || mapping.fullName;
    const unmappedRequired = IMPORT_TARGETS.filter((t) => t.required && !mapping[t.field])
      .map((t) => t.field)
      .filter((f) => !(hasName && (f === 'givenName' || f === 'familyName')));

    const existingByGmc = new Map(
      (await db.selectFrom('trainees').selectAll().execute()).map((r) => [r.gmc_number, rowToTrainee(r)]),
    );
    const firstLineByGmc = new Map<string, number>();
    const rows: CheckedRow[] = [];
    const total = table.records.length;

    for (const [index, record] of table.records.entries()) {
      if (index % PROGRESS_EVERY === 0) {
        progress(request.jobId, 'Checking rows', index, total);
        await yieldToEventLoop();
      }
      const gmcCell = mapping.gmcNumber ? (record.values[mapping.gmcNumber] ?? '').replace(/\s+/g, '') : '';
      const existing = existingByGmc.get(gmcCell);
      const parsed = traineeFieldsSchema.safeParse(rawInput(record, mapping, existing));
      const name = parsed.success
        ? `${parsed.data.givenName} ${parsed.data.familyName}`
        : tidySpaces(
            `${record.values[mapping.givenName ?? ''] ?? ''} ${record.values[mapping.familyName ?? ''] ?? record.values[mapping.fullName ?? ''] ?? ''}`,
          );
      const reasons: string[] = [];
      if (record.problem) reasons.push(`This row ${record.problem}`);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          reasons.push(describeIssue(issue.path, issue.message, record, mapping));
      }
      const firstLine = firstLineByGmc.get(gmcCell);
      if (gmcCell && firstLine !== undefined)
        reasons.push(`GMC number ${gmcCell} is also on line ${firstLine} of this file`);
      else if (gmcCell && parsed.success) firstLineByGmc.set(gmcCell, record.line);

      let status: ImportRowStatus = 'error';
      if (reasons.length === 0 && parsed.success) {
        status = !existing ? 'create' : sameFields(traineeFields(existing), parsed.data) ? 'unchanged' : 'update';
      }
      rows.push({
        line: record.line,
        status,
        gmcNumber: gmcCell,
        name,
        reasons,
        ...(status !== 'error' && parsed.success ? { fields: parsed.data } : {}),
        ...(existing ? { existing } : {}),
      });
    }
    progress(request.jobId, 'Checking rows', total, total);

    const counts: Record<ImportRowStatus, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
    for (const row of rows) counts[row.status]++;
    const preview: ImportPreview = {
      fileName: request.fileName,
      encoding,
      headers: table.headers,
      mapping,
      unmappedRequired,
      rows: rows.map(({ line, status, gmcNumber, name, reasons }) => ({ line, status, gmcNumber, name, reasons })),
      counts,
    };
    return { preview, rows };
  }

  return {
    async preview(request: ImportRequest): Promise<ImportPreview> {
      return (await check(request)).preview;
    },

    /** Writes every valid row in one transaction: all of them, or (on any failure) none. */
    async commit(request: ImportRequest): Promise<ImportOutcome> {
      const { preview, rows } = await check(request);
      if (preview.unmappedRequired.length > 0) {
        const missing = preview.unmappedRequired.map((f) => LABELS[f]).join(', ');
        throw new AppError('invalid_input', `Choose a column for: ${missing}.`);
      }
      const toWrite = rows.filter((r) => r.status === 'create' || r.status === 'update');
      await db.transaction().execute(async (trx) => {
        const at = now().toISOString();
        for (const [index, row] of toWrite.entries()) {
          if (index % PROGRESS_EVERY === 0) {
            progress(request.jobId, 'Saving trainees', index, toWrite.length);
            await yieldToEventLoop();
          }
          const fields = row.fields!;
          if (row.status === 'create') {
            const id = randomUUID();
            await trx
              .insertInto('trainees')
              .values({ id, ...fieldsToColumns(fields), created_at: at, updated_at: at, archived_at: null })
              .execute();
            await recordChange(trx, { entity: 'trainee', entityId: id, action: 'imported' }, now());
          } else {
            const before = row.existing!;
            await trx
              .updateTable('trainees')
              .set({ ...fieldsToColumns(fields), updated_at: at })
              .where('id', '=', before.id)
              .execute();
            await recordChange(
              trx,
              {
                entity: 'trainee',
                entityId: before.id,
                action: before.status !== fields.status ? 'status_changed' : 'updated',
                before: traineeFields(before),
                after: fields,
              },
              now(),
            );
          }
        }
      });
      progress(request.jobId, 'Saving trainees', toWrite.length, toWrite.length);
      return {
        created: preview.counts.create,
        updated: preview.counts.update,
        unchanged: preview.counts.unchanged,
        rejected: preview.counts.error,
      };
    },
  };
}
