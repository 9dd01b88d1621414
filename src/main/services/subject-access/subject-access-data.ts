import { sql, type Kysely } from 'kysely';
import { EXPORT_KINDS, UNKNOWN_DESTINATION } from '../../../shared/export-log/export-log-types';
import type { SubjectAccessSection } from '../../../shared/subject-access/subject-access-types';
import { AppError } from '../../../shared/result';
import type { DB } from '../../store/schema';
import { readSchemaTables } from '../../store/schema-tables';
import { readExportLog } from '../export-log';

/** A stored row as it is, column names and all; JSON text columns are parsed for the JSON files. */
export type HeldRow = Record<string, unknown>;

export interface HeldSection extends SubjectAccessSection {
  /** The table the rows come from (`export_log` rows are read through the log, without other trainees' names). */
  table: string;
  rows: HeldRow[];
}

/**
 * Tables that hold nothing of their own about a trainee:
 * - the search index is a copy of the records above, rebuilt from them;
 * - export_log_trainees is read through the export log section.
 */
export const NOT_SECTIONS: ReadonlySet<string> = new Set([
  'search_docs',
  'search_fts',
  'search_fts_data',
  'search_fts_idx',
  'search_fts_docsize',
  'search_fts_config',
  'export_log_trainees',
  // Today's saved rows: derived from the records each section already holds.
  'today_rows',
  'today_dirty',
]);

/** Titles for the tables known today, in the order a reader expects. A table added later still appears, after these. */
const KNOWN_SECTIONS: Array<{ table: string; title: string; about: string }> = [
  {
    table: 'trainees',
    title: 'Trainee record',
    about: 'Name, GMC number, programme, grade, dates, supervisor and tags.',
  },
  {
    table: 'meetings',
    title: '1:1 meetings, including private notes',
    about: 'Each 1:1: date, type, who attended, the shared summary, the private notes and wellbeing.',
  },
  { table: 'meeting_goals', title: 'PLP goals discussed at 1:1s', about: 'Which goals each 1:1 discussed.' },
  { table: 'meeting_actions', title: 'Actions', about: 'Actions agreed at 1:1s: what, who, when due and when done.' },
  { table: 'meeting_cadence', title: '1:1 frequency', about: 'How often 1:1s are due for this trainee.' },
  { table: 'plp_goals', title: 'PLP goals', about: 'Personalised learning plan goals, success criteria and status.' },
  { table: 'plp_reviews', title: 'PLP goal reviews', about: 'Each review of a goal: date, note and status after it.' },
  { table: 'early_needs', title: 'Early needs form', about: 'The early needs (intake) form.' },
  { table: 'identified_needs', title: 'Identified needs', about: 'Needs identified from the form or later.' },
  { table: 'support_items', title: 'Support items', about: 'Support and referrals offered, taken up and followed up.' },
  { table: 'exam_attempts', title: 'Exam attempts', about: 'Each exam sitting, result and score.' },
  {
    table: 'exam_post_fail',
    title: 'Post-fail conversations',
    about: 'Conversations after a failed exam, including private notes.',
  },
  {
    table: 'exam_readiness',
    title: 'Readiness conversations',
    about: 'Readiness-to-sit discussions, including private notes.',
  },
  {
    table: 'exam_extensions',
    title: 'Extensions of training',
    about: 'Extension periods: standard or exceptional, dates and reason.',
  },
  { table: 'arcp_records', title: 'ARCP records', about: 'ARCP review periods, panels, outcomes and evidence counts.' },
  {
    table: 'evaluation_characteristics',
    title: 'Characteristics for evaluation',
    about: 'Characteristics recorded with their agreement, used only in anonymous cohort figures.',
  },
  { table: 'drafts', title: 'Drafts about them', about: 'Forms saved as they were typed and not yet saved.' },
  {
    table: 'change_log',
    title: 'Change history about them',
    about: 'Who changed what and when, with the values before and after, for every record above.',
  },
  {
    table: 'export_log',
    title: 'Export log entries about them',
    about: 'When data about them left the app: what kind, a short description and where it went.',
  },
];

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** JSON text columns (tags, attendees, before/after of a change) become structures in the JSON files. */
function parsedRow(row: HeldRow): HeldRow {
  const out: HeldRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // Text that only looks like JSON stays as it is.
      }
    }
    out[key] = value;
  }
  return out;
}

function humanTitle(table: string): string {
  const words = table.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Everything held about one trainee, one section per record type. The tables are found from the
 * schema, so one added later is included without a change here: every table with a `trainee_id`
 * column, then every table whose foreign key points at rows already found (reviews of their goals,
 * goals linked to their 1:1s), then the change history of all of those and the export log.
 */
export async function collectHeld(db: Kysely<DB>, traineeId: string): Promise<HeldSection[]> {
  const trainee = await db.selectFrom('trainees').selectAll().where('id', '=', traineeId).executeTakeFirst();
  if (!trainee) throw new AppError('not_found', 'That trainee no longer exists.');
  const tables = (await readSchemaTables(db)).filter((t) => !NOT_SECTIONS.has(t.name));
  const found = new Map<string, HeldRow[]>([['trainees', [trainee]]]);

  for (const table of tables) {
    if (table.name === 'trainees' || !table.columns.includes('trainee_id')) continue;
    const { rows } =
      await sql<HeldRow>`SELECT * FROM ${sql.raw(quote(table.name))} WHERE trainee_id = ${traineeId}`.execute(db);
    found.set(table.name, rows);
  }
  // Children of rows already found, until nothing new turns up.
  for (let grew = true; grew;) {
    grew = false;
    for (const table of tables) {
      if (found.has(table.name) || table.name === 'change_log' || table.name === 'export_log') continue;
      const links = table.references.filter((r) => found.has(r.table) && r.table !== table.name);
      if (links.length === 0) continue;
      const conditions = links.map((link) => {
        const values = JSON.stringify((found.get(link.table) ?? []).map((row) => row[link.to]));
        return sql`${sql.raw(quote(link.from))} IN (SELECT value FROM json_each(${values}))`;
      });
      const { rows } =
        await sql<HeldRow>`SELECT * FROM ${sql.raw(quote(table.name))} WHERE ${sql.join(conditions, sql` OR `)}`.execute(
          db,
        );
      found.set(table.name, rows);
      grew = true;
    }
  }
  // The change history of the trainee and of every record found about them.
  const ids = new Set<string>([traineeId]);
  for (const rows of found.values()) for (const row of rows) if (typeof row.id === 'string') ids.add(row.id);
  const { rows: changes } = await sql<HeldRow>`
    SELECT * FROM change_log WHERE entity_id IN (SELECT value FROM json_each(${JSON.stringify([...ids])})) ORDER BY at
  `.execute(db);
  found.set('change_log', changes);
  // Export log entries about them; other trainees in the same export are counted, never named.
  const exports = await readExportLog(db, { traineeId });
  found.set(
    'export_log',
    exports.map((e) => ({
      id: e.id,
      at: e.at,
      kind: EXPORT_KINDS.label(e.kind),
      description: e.description,
      destination: e.destination ?? UNKNOWN_DESTINATION,
      other_trainees: e.trainees.filter((t) => t.traineeId !== traineeId).length,
    })),
  );

  const known = KNOWN_SECTIONS.filter((s) => found.has(s.table));
  const added = [...found.keys()]
    .filter((table) => !KNOWN_SECTIONS.some((s) => s.table === table))
    .sort()
    .map((table) => ({ table, title: humanTitle(table), about: `Records in the ${table} table.` }));
  return [...known, ...added].map(({ table, title, about }) => {
    const rows = (found.get(table) ?? []).map(parsedRow);
    return { key: table, table, title, about, count: rows.length, rows };
  });
}
