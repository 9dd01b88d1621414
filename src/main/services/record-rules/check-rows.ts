import type { Kysely } from 'kysely';
import { echoText, shortenForEcho } from '../../../shared/text';
import type { Executor } from '../../store/open-store';
import { GATED_TABLES, rowIssues, TABLE_RULES, type GatedTable, type RuleContext, type StoredRow } from './table-rules';

/** How many broken rows a message names before it says "and N more". */
export const NAMED_PROBLEMS = 5;

/** What a person calls one row of `table`: "Trainee", "1:1", "Exam attempt". */
export function recordLabel(table: GatedTable): string {
  return TABLE_RULES[table].label;
}

function shownValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return ` “${echoText(typeof value === 'string' ? value : JSON.stringify(value), 40)}”`;
}

/**
 * Every problem with the rows of one table, one sentence each, naming the record as `name` gives
 * it ("Trainee 3"), the column and the value: "Trainee 3: status “bogus” is not one of …".
 */
export function problemsInRows(
  table: GatedTable,
  rows: readonly StoredRow[],
  context: RuleContext,
  name: (row: StoredRow, index: number) => string,
): string[] {
  const problems: string[] = [];
  rows.forEach((row, index) => {
    for (const issue of rowIssues(table, row, context))
      problems.push(`${name(row, index)}: ${issue.column}${shownValue(row[issue.column])}${issue.problem}`);
  });
  return problems;
}

/** Problems as one message: the first few in full, then how many more. */
export function summariseProblems(problems: readonly string[], max = NAMED_PROBLEMS): string {
  const named = problems.slice(0, max).join('; ');
  const more = problems.length - max;
  return more > 0 ? `${named}; and ${more.toLocaleString('en-GB')} more` : named;
}

/** Ordering columns for paging through each gated table, its key. */
const KEY_COLUMNS: Record<GatedTable, string[]> = Object.fromEntries(
  GATED_TABLES.map((table) => {
    const columns = Object.keys(TABLE_RULES[table].columns);
    if (table === 'meeting_goals') return [table, ['meeting_id', 'goal_id']];
    if (table === 'evaluation_characteristics') return [table, ['trainee_id', 'field']];
    if (table === 'meeting_templates') return [table, ['meeting_type']];
    return [table, [columns.includes('id') ? 'id' : 'trainee_id']];
  }),
) as Record<GatedTable, string[]>;

const PAGE = 2000;

/**
 * Every stored row of the gated tables that breaks the app's rules, read a page at a time so a
 * region's database never sits in memory whole. For a restored backup before it is swapped in,
 * and for the demo builders' rows before they are committed. Stops counting details after
 * `limit` problems (the count of problem rows still grows).
 */
export async function problemsInStore(
  executor: Executor,
  context: RuleContext,
  options: {
    tables?: readonly GatedTable[];
    limit?: number;
    /** Check at most this many rows of each table (in key order, so spread across trainees); default all. */
    rowsPerTable?: number;
  } = {},
): Promise<{ problems: string[]; count: number }> {
  const loose = executor as unknown as Kysely<Record<string, StoredRow>>;
  const limit = options.limit ?? 50;
  const problems: string[] = [];
  let count = 0;
  for (const table of options.tables ?? GATED_TABLES) {
    const label = recordLabel(table);
    const keys = KEY_COLUMNS[table];
    const most = options.rowsPerTable ?? Number.POSITIVE_INFINITY;
    for (let offset = 0; offset < most; offset += PAGE) {
      let query = loose.selectFrom(table).selectAll();
      for (const key of keys) query = query.orderBy(key);
      const rows = await query
        .limit(Math.min(PAGE, most - offset))
        .offset(offset)
        .execute();
      const found = problemsInRows(
        table,
        rows,
        context,
        (row) => `${label} ${keys.map((k) => shortenForEcho(String(row[k]), 40)).join(' / ')}`,
      );
      count += found.length;
      if (problems.length < limit) problems.push(...found.slice(0, limit - problems.length));
      if (rows.length < Math.min(PAGE, most - offset)) break;
    }
  }
  return { problems, count };
}
