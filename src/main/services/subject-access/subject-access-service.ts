import { strToU8, zipSync } from 'fflate';
import type { Kysely } from 'kysely';
import { toCsv } from '../../../shared/csv';
import { formatUkDate, formatUkDateTime, ukToday } from '../../../shared/dates';
import type { ExportedFile, ReportBlock, ReportDocument, ReportSection } from '../../../shared/exports';
import { WITHHOLDING_NOTE, type SubjectAccessReview } from '../../../shared/subject-access/subject-access-types';
import { displayName } from '../../../shared/trainees';
import { reportAsPdf, safeFileName } from '../../exports/exported-file';
import type { DB } from '../../store/schema';
import { recordExport } from '../export-log';
import { collectHeld, type HeldRow, type HeldSection } from './subject-access-data';

export type SubjectAccessService = ReturnType<typeof createSubjectAccessService>;

/** Columns that are the app's own links between rows: kept in the JSON and CSV, left out of the readable PDF. */
const INTERNAL_COLUMN = /(^id$|_id$|_ids$|^sort_order$)/;
/** The column that dates a row best, first found wins, for the row's heading in the PDF. */
const DATING_COLUMNS = [
  'held_on',
  'discussed_on',
  'sitting_date',
  'panel_date',
  'reviewed_on',
  'offered_on',
  'identified_on',
  'due_on',
  'completed_on',
  'at',
  'updated_at',
  'created_at',
];

/** Column names whose plain wording would read wrongly (initialisms, units). */
const LABELS: Record<string, string> = {
  gmc_number: 'GMC number',
  wte: 'WTE',
  expected_cct_date: 'Expected CCT date',
  duration_minutes: 'Duration (minutes)',
  esr_interim_date: 'Interim ESR date',
  esr_full_date: 'Full ESR date',
  at: 'When',
};

function label(column: string): string {
  if (LABELS[column]) return LABELS[column];
  const words = column.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `{ before: { status: 'offered' } }` → "before: status: offered", for the PDF (the JSON file keeps the structure). */
function describeObject(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(describeObject).join('; ');
  if (typeof value !== 'object') return String(value);
  return Object.entries(value)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? `(${describeObject(v)})` : String(v)}`)
    .join('; ');
}

/** A stored value as a person reads it: UK dates, lists joined, before/after shown as text. */
function readable(column: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') {
    if (/(_on|_date)$/.test(column)) return formatUkDate(value);
    if (/(_at|^at)$/.test(column) && !Number.isNaN(Date.parse(value))) return formatUkDateTime(value);
    return value;
  }
  if (typeof value === 'object') return describeObject(value);
  return String(value);
}

function rowBlocks(section: HeldSection, row: HeldRow, index: number, exams: Map<string, string>): ReportBlock[] {
  const dating = DATING_COLUMNS.find((c) => typeof row[c] === 'string' && row[c]);
  const when = dating ? readable(dating, row[dating]) : '';
  const fields: Array<[string, string]> = [];
  if (typeof row.exam_id === 'string') fields.push(['Exam', exams.get(row.exam_id) ?? row.exam_id]);
  for (const [column, value] of Object.entries(row)) {
    if (INTERNAL_COLUMN.test(column)) continue;
    const text = readable(column, value);
    if (text) fields.push([label(column), text]);
  }
  return [
    { kind: 'subheading', text: `${section.title}: ${index + 1} of ${section.count}${when ? ` · ${when}` : ''}` },
    fields.length > 0 ? { kind: 'fields', rows: fields } : { kind: 'note', text: 'No details recorded.' },
  ];
}

function csvOf(rows: HeldRow[]): string {
  const fields = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const data = rows.map((row) =>
    fields.map((f) => {
      const value = row[f];
      if (value === null || value === undefined) return '';
      // Stored numbers stay numbers (see toCsv); everything else is text.
      if (typeof value === 'number') return value;
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }),
  );
  return toCsv(fields, data);
}

function readme(name: string, prepared: string, sections: HeldSection[], files: string[][]): string {
  return [
    `Everything TPD Companion holds about ${name}`,
    `Prepared on ${prepared}.`,
    '',
    WITHHOLDING_NOTE,
    '',
    'There is one pair of files for each type of record: a .json file with the records exactly as stored',
    '(column names as in the database; lists and before/after values as JSON) and a .csv file with the same',
    'records for a spreadsheet. Dates are yyyy-mm-dd; times are UTC (ISO 8601). A type with no records has',
    'an empty list.',
    '',
    ...sections.map((s, i) => `${files[i]!.join(', ')}: ${s.title} (${s.count}). ${s.about}`),
    '',
    'In the export log entries, other trainees included in the same export are counted, not named.',
    '',
  ].join('\r\n');
}

/**
 * A subject access response for one trainee: a review of what is held, then one readable PDF or a
 * ZIP of JSON and CSV. Unlike every other export, these include private notes: they are personal
 * data about the trainee. Both are built from the same collection and each is logged.
 */
export function createSubjectAccessService(db: Kysely<DB>, now: () => Date) {
  async function gather(traineeId: string) {
    const sections = await collectHeld(db, traineeId);
    const trainee = sections[0]!.rows[0]!;
    const person = {
      givenName: String(trainee.given_name),
      familyName: String(trainee.family_name),
      preferredName: (trainee.preferred_name as string | null) ?? null,
    };
    return {
      sections,
      name: `${person.givenName} ${person.familyName}`,
      shownName: displayName(person),
      gmcNumber: String(trainee.gmc_number),
      baseName: safeFileName('subject-access', person.familyName, person.givenName, ukToday(now())),
    };
  }

  return {
    async review(traineeId: string): Promise<SubjectAccessReview> {
      const { sections, shownName } = await gather(traineeId);
      return {
        traineeId,
        traineeName: shownName,
        sections: sections.map(({ key, title, about, count }) => ({ key, title, about, count })),
        total: sections.reduce((sum, s) => sum + s.count, 0),
      };
    },

    async pdf(traineeId: string): Promise<ExportedFile> {
      const { sections, name, gmcNumber, baseName } = await gather(traineeId);
      const exams = new Map(
        (await db.selectFrom('exam_definitions').select(['id', 'code']).execute()).map((e) => [e.id, e.code]),
      );
      const prepared = formatUkDate(ukToday(now()));
      const overview: ReportSection = {
        heading: 'About this document',
        blocks: [
          { kind: 'paragraph', text: WITHHOLDING_NOTE },
          {
            kind: 'table',
            columns: ['Record type', 'Records'],
            rows: sections.map((s) => [s.title, String(s.count)]),
            widths: [4, 1],
          },
        ],
      };
      const report: ReportDocument = {
        kind: 'subject-access',
        title: `Everything held about ${name}`,
        subtitle: 'Subject access: every record TPD Companion holds about this trainee',
        cover: [
          ['Trainee', name],
          ['GMC number', gmcNumber],
          ['Prepared on', prepared],
          ['Records', String(sections.reduce((sum, s) => sum + s.count, 0))],
        ],
        sections: [
          overview,
          ...sections.map((section) => ({
            heading: section.title,
            blocks: [
              { kind: 'paragraph', text: section.about } as ReportBlock,
              ...(section.rows.length === 0
                ? [{ kind: 'note', text: 'None held.' } as ReportBlock]
                : section.rows.flatMap((row, i) => rowBlocks(section, row, i, exams))),
            ],
          })),
        ],
        footer: `Subject access · ${name} · prepared ${prepared} · contains private notes: personal data, handle accordingly`,
        contents: true,
      };
      const file = await reportAsPdf(report, baseName);
      await recordExport(
        db,
        { kind: 'subject_access', traineeIds: [traineeId], description: 'Subject access PDF' },
        now(),
      );
      return file;
    },

    async zip(traineeId: string): Promise<ExportedFile> {
      const { sections, name, baseName } = await gather(traineeId);
      const entries: Record<string, Uint8Array> = {};
      const files = sections.map((section, i) => {
        const base = `${String(i + 1).padStart(2, '0')}-${section.key.replace(/_/g, '-')}`;
        entries[`${base}.json`] = strToU8(`${JSON.stringify(section.rows, null, 2)}\n`);
        entries[`${base}.csv`] = strToU8(csvOf(section.rows));
        return [`${base}.json`, `${base}.csv`];
      });
      entries['README.txt'] = strToU8(readme(name, formatUkDate(ukToday(now())), sections, files));
      const bytes = zipSync(entries, { level: 6, mtime: now() });
      await recordExport(
        db,
        { kind: 'subject_access', traineeIds: [traineeId], description: 'Subject access ZIP (JSON and CSV)' },
        now(),
      );
      return {
        fileName: `${baseName}.zip`,
        mimeType: 'application/zip',
        base64: Buffer.from(bytes).toString('base64'),
      };
    },
  };
}
