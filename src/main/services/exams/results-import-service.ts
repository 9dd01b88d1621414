import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../../shared/result';
import { formatUkDate, parseUkDate, ukToday } from '../../../shared/dates';
import { echoText } from '../../../shared/text';
import type { ExamDefinition, ExamResult } from '../../../shared/exams/exam-reference';
import type { ResultsImportOutcome, ResultsImportPreview, ResultsImportRow } from '../../../shared/exams/exam-types';
import { normaliseHeader } from '../../../shared/trainees/import-mapping';
import type { EventBus } from '../../event-bus';
import type { DB } from '../../store/schema';
import { recordChange } from '../change-log';
import { csvImportPipeline, importOutcome, type CsvImportRequest, type CsvRecord } from '../csv';
import { defaultItemCount } from '../../../shared/exams/akt-papers';
import { attemptFlags, loadDefinitions } from './exam-rows';
import { checkComponents, normaliseComponents } from './exam-service';

export interface ResultsImportRequest extends CsvImportRequest {
  /** Lines of rows to check that the user ticked to record anyway. */
  confirmedLines?: readonly number[];
}

const COLUMNS = {
  gmcNumber: { label: 'GMC Number', synonyms: ['gmc number', 'gmc', 'gmc no', 'gmc ref'] },
  exam: { label: 'Exam', synonyms: ['exam', 'assessment', 'exam name'] },
  sittingDate: { label: 'Sitting Date', synonyms: ['sitting date', 'date', 'exam date', 'sitting'] },
  result: { label: 'Result', synonyms: ['result', 'outcome'] },
  score: { label: 'Score', synonyms: ['score', 'mark', 'total score'] },
  passMark: { label: 'Pass Mark', synonyms: ['pass mark', 'passmark', 'pass score'] },
  // Optional: the AKT paper's size changed in October 2025 (200 → 160 items); blank means the sitting's usual size.
  itemCount: { label: 'Items', synonyms: ['items', 'item count', 'number of items', 'questions', 'out of'] },
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['gmcNumber', 'exam', 'sittingDate', 'result'];

const RESULT_WORDS: Record<string, ExamResult> = {
  pass: 'pass',
  passed: 'pass',
  fail: 'fail',
  failed: 'fail',
  withdrawn: 'withdrawn',
  withdrew: 'withdrawn',
  void: 'void',
  voided: 'void',
  awaiting: 'awaiting',
  'awaiting result': 'awaiting',
  pending: 'awaiting',
};

/** A part's column: "Clinical Knowledge %" feeds "Clinical knowledge"; "Data Gathering" feeds "Data gathering & diagnosis". */
function componentHeader(headers: readonly string[], label: string, key: string): string | undefined {
  const target = normaliseHeader(label);
  return headers.find((h) => {
    const n = normaliseHeader(h);
    return n !== '' && (n === target || n === key.replace(/_/g, ' ') || target.startsWith(`${n} `));
  });
}

interface CheckedRow extends ResultsImportRow {
  write?: {
    traineeId: string;
    existingId?: string;
    columns: {
      exam_id: string;
      sitting_date: string;
      result: ExamResult;
      score: number | null;
      pass_mark: number | null;
      item_count: number | null;
      components: string;
    };
  };
}

export type ResultsImportService = ReturnType<typeof createResultsImportService>;

type TraineeRef = Pick<Selectable<DB['trainees']>, 'id' | 'gmc_number' | 'given_name' | 'family_name'>;
type AttemptRef = Pick<
  Selectable<DB['exam_attempts']>,
  'id' | 'trainee_id' | 'exam_id' | 'sitting_date' | 'result' | 'score' | 'pass_mark' | 'item_count' | 'components'
>;

interface ResultsImportContext {
  headers: string[];
  header(column: Column): string | undefined;
  missingColumns: string[];
  definitions: ExamDefinition[];
  examByWord: Map<string, ExamDefinition>;
  traineeByGmc: Map<string, TraineeRef>;
  existingByKey: Map<string, AttemptRef>;
  firstLineByKey: Map<string, number>;
  /** Today in the UK: no result is recorded for a sitting still to come. */
  today: string;
}

function checkResultRow(record: CsvRecord, context: ResultsImportContext): CheckedRow {
  const { header, definitions, examByWord, traineeByGmc, existingByKey, firstLineByKey } = context;
  const cell = (column: Column) => {
    const h = header(column);
    return h ? (record.values[h] ?? '').trim() : '';
  };
  const number = (text: string, label: string, reasons: string[]): number | null => {
    if (text === '') return null;
    if (!/^\d+$/.test(text)) {
      reasons.push(`${label} must be a whole number (“${echoText(text)}”)`);
      return null;
    }
    return Number(text);
  };

  const reasons: string[] = [];
  if (record.problem) reasons.push(`This row ${record.problem}`);
  const gmc = cell('gmcNumber').replace(/\s+/g, '');
  const trainee = traineeByGmc.get(gmc);
  if (!gmc) reasons.push('Enter the GMC number');
  else if (!/^\d{7}$/.test(gmc)) reasons.push(`GMC number must be exactly 7 digits (“${echoText(gmc)}”)`);
  else if (!trainee) reasons.push(`No trainee in the register has GMC number ${gmc}; import or add the trainee first`);

  const examText = cell('exam');
  const exam = examByWord.get(examText.toLowerCase()) ?? examByWord.get(normaliseHeader(examText));
  if (!examText) reasons.push('Enter the exam');
  else if (!exam)
    reasons.push(
      `“${echoText(examText)}” is not a known exam (known: ${definitions.map((d) => d.code).join(', ')}); add it under exam rules first`,
    );

  const dateText = cell('sittingDate');
  const sittingDate = parseUkDate(dateText);
  if (!dateText) reasons.push('Enter the sitting date');
  else if (!sittingDate) reasons.push(`The sitting date is not a real date (“${echoText(dateText)}”; use dd/mm/yyyy)`);
  else if (sittingDate > context.today)
    reasons.push(`The sitting date ${formatUkDate(sittingDate)} is in the future: a result is recorded once sat`);

  const resultText = cell('result');
  const result = RESULT_WORDS[resultText.toLowerCase()];
  if (!resultText) reasons.push('Enter the result');
  else if (!result)
    reasons.push(`Result must be Pass, Fail, Withdrawn, Void or Awaiting result (“${echoText(resultText)}”)`);

  let score: number | null = null;
  let passMark: number | null = null;
  let itemCount: number | null = null;
  let components: Record<string, string> = {};
  if (exam) {
    if (exam.hasScore) {
      score = number(cell('score'), 'Score', reasons);
      passMark = number(cell('passMark'), 'Pass mark', reasons);
      itemCount =
        number(cell('itemCount'), 'Items', reasons) ?? (sittingDate ? defaultItemCount(exam.code, sittingDate) : null);
    }
    for (const part of exam.components) {
      const h = componentHeader(context.headers, part.label, part.key);
      const value = h ? (record.values[h] ?? '').trim() : '';
      if (value) components[part.key] = value;
    }
    const componentErrors = checkComponents(exam, components);
    reasons.push(
      ...Object.values(componentErrors).map(
        (m) =>
          `${m} (“${echoText(Object.entries(components).find(([k]) => componentErrors[`components.${k}`] === m)?.[1] ?? '')}”)`,
      ),
    );
    components = normaliseComponents(exam, components);
  }

  const key = trainee && exam && sittingDate ? `${trainee.id}|${exam.id}|${sittingDate}` : null;
  if (key) {
    const first = firstLineByKey.get(key);
    if (first !== undefined) reasons.push(`The same ${exam!.code} sitting for this trainee is also on line ${first}`);
    else if (reasons.length === 0) firstLineByKey.set(key, record.line);
  }

  const flags = result
    ? attemptFlags(
        { result, score, pass_mark: passMark, item_count: itemCount },
        exam?.componentKind === 'grade' ? Object.values(components) : [],
      )
    : [];
  let status: ResultsImportRow['status'] = 'error';
  let write: CheckedRow['write'];
  if (reasons.length === 0 && trainee && exam && sittingDate && result) {
    const columns = {
      exam_id: exam.id,
      sitting_date: sittingDate,
      result,
      score,
      pass_mark: passMark,
      item_count: itemCount,
      components: JSON.stringify(components),
    };
    const before = existingByKey.get(key!);
    if (!before) status = 'create';
    else if (
      before.result === result &&
      before.score === score &&
      before.pass_mark === passMark &&
      before.item_count === itemCount &&
      before.components === columns.components
    )
      status = 'unchanged';
    else status = 'update';
    write = { traineeId: trainee.id, ...(before ? { existingId: before.id } : {}), columns };
  }
  return {
    line: record.line,
    status,
    // What the preview sends back of the file is shortened: a 10 MB cell never comes back whole.
    gmcNumber: echoText(gmc, 20),
    traineeName: trainee ? `${trainee.given_name} ${trainee.family_name}` : '',
    exam: exam?.code ?? echoText(examText, 40),
    sittingDate: sittingDate ?? echoText(dateText, 40),
    result: echoText(resultText, 40),
    reasons,
    flags,
    ...(write ? { write } : {}),
  };
}

/** Exam results from a CSV, matched to trainees by GMC number: preview every row, then write all valid rows in one transaction. */
export function createResultsImportService(db: Kysely<DB>, events: EventBus, now: () => Date) {
  const pipeline = csvImportPipeline<ResultsImportRequest, ResultsImportContext, CheckedRow>(db, events, now, {
    async prepare(table) {
      const header = (column: Column) =>
        table.headers.find((h) => (COLUMNS[column].synonyms as readonly string[]).includes(normaliseHeader(h)));
      const missingColumns = REQUIRED.filter((c) => !header(c)).map((c) => COLUMNS[c].label);

      const definitions = (await loadDefinitions(db)).filter((d) => !d.archivedAt);
      const examByWord = new Map<string, ExamDefinition>();
      for (const d of definitions) {
        examByWord.set(d.code.toLowerCase(), d);
        examByWord.set(normaliseHeader(d.name), d);
      }
      const trainees = await db
        .selectFrom('trainees')
        .select(['id', 'gmc_number', 'given_name', 'family_name'])
        .execute();
      const existing = await db
        .selectFrom('exam_attempts')
        .select([
          'id',
          'trainee_id',
          'exam_id',
          'sitting_date',
          'result',
          'score',
          'pass_mark',
          'item_count',
          'components',
        ])
        .execute();
      return {
        headers: table.headers,
        header,
        missingColumns,
        definitions,
        examByWord,
        traineeByGmc: new Map(trainees.map((t) => [t.gmc_number, t])),
        existingByKey: new Map(existing.map((e) => [`${e.trainee_id}|${e.exam_id}|${e.sitting_date}`, e])),
        firstLineByKey: new Map(),
        today: ukToday(now()),
      };
    },

    checkRow: checkResultRow,

    savingPhase: 'Saving results',
    async writeRow(trx, row, at) {
      const { traineeId, existingId, columns } = row.write!;
      if (existingId) {
        await trx
          .updateTable('exam_attempts')
          .set({ ...columns, updated_at: at })
          .where('id', '=', existingId)
          .execute();
        await recordChange(
          trx,
          { entity: 'exam_attempt', entityId: existingId, action: 'imported', after: columns },
          now(),
        );
      } else {
        const id = randomUUID();
        await trx
          .insertInto('exam_attempts')
          .values({
            id,
            trainee_id: traineeId,
            ...columns,
            feedback: null,
            source: 'import',
            created_at: at,
            updated_at: at,
          })
          .execute();
        await recordChange(trx, { entity: 'exam_attempt', entityId: id, action: 'imported' }, now());
      }
    },
  });

  async function check(request: ResultsImportRequest): Promise<{ preview: ResultsImportPreview; rows: CheckedRow[] }> {
    const { encoding, headers, context, rows, counts } = await pipeline.check(request);
    return {
      preview: {
        fileName: request.fileName,
        encoding,
        headers,
        missingColumns: context.missingColumns,
        rows: rows.map(({ write: _write, ...row }) => row),
        counts,
        flagged: rows.filter((r) => r.status !== 'error' && r.flags.length > 0).length,
      },
      rows,
    };
  }

  return {
    preview: async (request: ResultsImportRequest) => (await check(request)).preview,

    /** Every valid row in one transaction: all of them, or (on any failure) none. */
    async commit(request: ResultsImportRequest): Promise<ResultsImportOutcome> {
      const { preview, rows } = await check(request);
      if (preview.missingColumns.length > 0)
        throw new AppError(
          'invalid_input',
          `The file has no column for: ${preview.missingColumns.join(', ')}. Nothing was imported.`,
        );
      // A result that looks impossible is recorded only when the user ticked it, having checked the letter.
      const confirmed = new Set(request.confirmedLines ?? []);
      const toCheck = rows.filter((r) => r.status !== 'error' && r.flags.length > 0);
      const leftOut = toCheck.filter((r) => !confirmed.has(r.line));
      await pipeline.write(
        request.jobId,
        rows.filter((r) => !leftOut.includes(r)),
      );
      const outcome = importOutcome(preview.counts);
      const notCreated = leftOut.filter((r) => r.status === 'create').length;
      return {
        ...outcome,
        created: outcome.created - notCreated,
        updated: outcome.updated - (leftOut.length - notCreated),
        flagged: toCheck.length - leftOut.length,
        leftOut: leftOut.length,
      };
    },
  };
}
