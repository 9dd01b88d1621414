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
import { echoText, tidySpaces } from '../../../shared/text';
import { sameTraineeName, traineeChanges } from '../../../shared/trainees/trainee-changes';
import type { EventBus } from '../../event-bus';
import type { DB } from '../../store/schema';
import { recordChange } from '../change-log';
import { fieldsToColumns, rowToTrainee, sameFields, traineeFields } from './trainee-rows';
import { csvImportPipeline, importOutcome, type CsvImportRequest, type CsvRecord } from '../csv';

export interface ImportRequest extends CsvImportRequest {
  mapping?: ImportMapping;
  /** Lines of "Name differs" rows the user ticked; the others are left out of the commit. */
  confirmedLines?: readonly number[];
}

interface CheckedRow extends ImportRowPreview {
  fields?: TraineeFields;
  existing?: Trainee;
}

const LABELS = Object.fromEntries(IMPORT_TARGETS.map((t) => [t.field, t.label])) as Record<ImportField, string>;

function statusFromText(text: string): string {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const match = TRAINEE_STATUSES.options.find(
    (s) => s.value === key || s.label.toLowerCase().replace(/[\s-]+/g, '_') === key,
  );
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
  return value ? `${message} (“${echoText(value)}”)` : message;
}

export type TraineeImportService = ReturnType<typeof createTraineeImportService>;

interface TraineeImportContext {
  mapping: ImportMapping;
  unmappedRequired: ImportField[];
  existingByGmc: Map<string, Trainee>;
  firstLineByGmc: Map<string, number>;
}

export function createTraineeImportService(db: Kysely<DB>, events: EventBus, now: () => Date) {
  const pipeline = csvImportPipeline<ImportRequest, TraineeImportContext, CheckedRow>(db, events, now, {
    async prepare(table, request) {
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
      return { mapping, unmappedRequired, existingByGmc, firstLineByGmc: new Map() };
    },

    checkRow(record, { mapping, existingByGmc, firstLineByGmc }) {
      const gmcCell = mapping.gmcNumber ? (record.values[mapping.gmcNumber] ?? '').replace(/\s+/g, '') : '';
      const existing = existingByGmc.get(gmcCell);
      const parsed = traineeFieldsSchema.safeParse(rawInput(record, mapping, existing));
      const name = echoText(
        parsed.success
          ? `${parsed.data.givenName} ${parsed.data.familyName}`
          : tidySpaces(
              `${record.values[mapping.givenName ?? ''] ?? ''} ${record.values[mapping.familyName ?? ''] ?? record.values[mapping.fullName ?? ''] ?? ''}`,
            ),
      );
      const reasons: string[] = [];
      if (record.problem) reasons.push(`This row ${record.problem}`);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          reasons.push(describeIssue(issue.path, issue.message, record, mapping));
      }
      const firstLine = firstLineByGmc.get(gmcCell);
      if (gmcCell && firstLine !== undefined)
        reasons.push(`GMC number ${echoText(gmcCell)} is also on line ${firstLine} of this file`);
      else if (gmcCell && parsed.success) firstLineByGmc.set(gmcCell, record.line);

      let status: ImportRowStatus = 'error';
      if (reasons.length === 0 && parsed.success) {
        status = !existing ? 'create' : sameFields(traineeFields(existing), parsed.data) ? 'unchanged' : 'update';
      }
      // A GMC number match that names someone else may be a typo in either list: never renamed without asking.
      const update = status === 'update' && parsed.success && existing ? parsed.data : null;
      const nameDiffers =
        update && existing && !sameTraineeName(existing, update)
          ? {
              before: `${existing.givenName} ${existing.familyName}`,
              after: `${update.givenName} ${update.familyName}`,
            }
          : null;
      return {
        line: record.line,
        status,
        // What the preview sends back of the file is shortened: a 10 MB cell never comes back whole.
        gmcNumber: echoText(gmcCell, 20),
        name,
        reasons,
        ...(update && existing ? { changes: traineeChanges(traineeFields(existing), update) } : {}),
        ...(nameDiffers ? { nameDiffers } : {}),
        ...(status !== 'error' && parsed.success ? { fields: parsed.data } : {}),
        ...(existing ? { existing } : {}),
      };
    },

    savingPhase: 'Saving trainees',
    async writeRow(trx, row, at) {
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
    },
  });

  async function check(request: ImportRequest): Promise<{ preview: ImportPreview; rows: CheckedRow[] }> {
    const { encoding, headers, context, rows, counts } = await pipeline.check(request);
    const preview: ImportPreview = {
      fileName: request.fileName,
      encoding,
      headers,
      mapping: context.mapping,
      unmappedRequired: context.unmappedRequired,
      rows: rows.map(({ fields: _fields, existing: _existing, ...row }) => row),
      counts,
      nameDiffers: rows.filter((r) => r.nameDiffers).length,
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
      const confirmed = new Set(request.confirmedLines ?? []);
      const leftOut = rows.filter((r) => r.nameDiffers && !confirmed.has(r.line));
      await pipeline.write(
        request.jobId,
        rows.filter((r) => !leftOut.includes(r)),
      );
      const outcome = importOutcome(preview.counts);
      return { ...outcome, updated: outcome.updated - leftOut.length, leftOut: leftOut.length };
    },
  };
}
