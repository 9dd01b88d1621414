import type { z } from 'zod';
import { HANDOVER_MESSAGES } from '../../../shared/handover';
import { AppError } from '../../../shared/result';
import { problemsInRows, recordLabel, summariseProblems, type GatedTable, type RuleContext } from '../record-rules';
import { RECORD_TABLE_NAMES, type HandoverPayload, type RecordTable, type ReferenceTable } from './handover-payload';

/** The refusal of a file whose rows break the rules: nothing is written, and the message names what. */
export function rulesError(problems: readonly string[]): AppError {
  const message = `${HANDOVER_MESSAGES.breaksRules} ${summariseProblems(problems)}.`;
  return new AppError('invalid_input', message, { file: message });
}

/**
 * The payload schema's complaints (a number where text belongs, a row with a column too many) named
 * as the rules name them: "Trainee 3: tags: expected string". Null for a complaint about the file's
 * own fields, which no sender writes wrong: the caller reports that as damage.
 */
export function payloadShapeProblems(error: z.ZodError): string[] | null {
  const problems: string[] = [];
  for (const issue of error.issues) {
    const [section, ...rest] = issue.path.map(String);
    let table: string | undefined;
    let index: string | undefined;
    let column: string | undefined;
    if (section === 'trainees') [table, index, column] = ['trainees', ...rest];
    else if (section === 'records' || section === 'references') [table, index, column] = rest;
    else return null;
    const label = table ? labelOf(table) : 'Record';
    if (index === undefined) problems.push(`${label}s: ${issue.message}`);
    else if (column === undefined) problems.push(`${label} ${Number(index) + 1}: ${issue.message}`);
    else problems.push(`${label} ${Number(index) + 1}: ${column}: ${issue.message}`);
  }
  return problems;
}

function labelOf(table: string): string {
  try {
    return recordLabel(table as GatedTable) ?? table;
  } catch {
    return table;
  }
}

/** Rows pointing at a row: the column, and the table of this file it must be found in. */
const POINTS_AT: Partial<Record<RecordTable, Array<[column: string, table: RecordTable | ReferenceTable]>>> = {
  meeting_actions: [['meeting_id', 'meetings']],
  plp_reviews: [['goal_id', 'plp_goals']],
  meeting_goals: [
    ['meeting_id', 'meetings'],
    ['goal_id', 'plp_goals'],
  ],
  exam_attempts: [['exam_id', 'exam_definitions']],
  exam_readiness: [['exam_id', 'exam_definitions']],
  exam_post_fail: [['attempt_id', 'exam_attempts']],
  arcp_records: [
    ['panel_id', 'arcp_panels'],
    ['template_id', 'evidence_templates'],
  ],
};

/**
 * Every row of a handover against the rules the forms apply (field by field, and across fields),
 * and the file against itself: each record belongs to a trainee in it, points only at rows in it,
 * and no id or GMC number is there twice. What a sender's app writes always passes; a file that
 * fails was made or changed by something else.
 */
export function handoverProblems(payload: HandoverPayload, context: RuleContext): string[] {
  const problems: string[] = [];
  const named = (table: GatedTable) => (_row: unknown, index: number) => `${recordLabel(table)} ${index + 1}`;
  problems.push(...problemsInRows('trainees', payload.trainees, context, named('trainees')));
  for (const table of RECORD_TABLE_NAMES)
    problems.push(...problemsInRows(table, payload.records[table], context, named(table)));
  for (const table of Object.keys(payload.references) as ReferenceTable[])
    problems.push(...problemsInRows(table, payload.references[table], context, named(table)));

  const ids = (rows: ReadonlyArray<Record<string, unknown>>) => new Set(rows.map((r) => r.id));
  const twice = (table: GatedTable, rows: ReadonlyArray<Record<string, unknown>>, column: string) => {
    const seen = new Set<unknown>();
    rows.forEach((row, index) => {
      if (seen.has(row[column]))
        problems.push(`${recordLabel(table)} ${index + 1}: ${column} is the same as an earlier one in this file`);
      seen.add(row[column]);
    });
  };
  twice('trainees', payload.trainees, 'id');
  twice('trainees', payload.trainees, 'gmc_number');
  const traineeIds = ids(payload.trainees);
  const tableIds = (table: RecordTable | ReferenceTable) =>
    ids(table in payload.records ? payload.records[table as RecordTable] : payload.references[table as ReferenceTable]);
  for (const table of RECORD_TABLE_NAMES) {
    const rows = payload.records[table];
    if (table === 'early_needs' || table === 'meeting_cadence') twice(table, rows, 'trainee_id');
    else if (table !== 'meeting_goals') twice(table, rows, 'id');
    else
      twice(
        table,
        rows.map((link) => ({ link: `${String(link.meeting_id)} ${String(link.goal_id)}` })),
        'link',
      );
    const targets = (POINTS_AT[table] ?? []).map(([column, target]) => [column, tableIds(target)] as const);
    rows.forEach((row, index) => {
      const name = `${recordLabel(table)} ${index + 1}`;
      if ('trainee_id' in row && !traineeIds.has(row.trainee_id))
        problems.push(`${name}: trainee_id is not a trainee in this file`);
      for (const [column, present] of targets)
        if (row[column] !== null && !present.has(row[column]))
          problems.push(`${name}: ${column} points at nothing in this file`);
    });
  }
  for (const table of Object.keys(payload.references) as ReferenceTable[])
    twice(table, payload.references[table], 'id');
  return problems;
}
