import type { Selectable } from 'kysely';
import type { Trainee, TraineeFields, TraineeRow } from '../../../shared/trainees/trainee-schema';
import { TRAINEE_STATUSES, TRAINING_GRADES, type TraineeStatus } from '../../../shared/trainees/reference';
import { shortenForEcho } from '../../../shared/text';
import type { TraineesTable } from '../../store/schema';

const KNOWN_STATUSES: ReadonlySet<string> = new Set(TRAINEE_STATUSES.values);
const KNOWN_GRADES: ReadonlySet<string> = new Set(TRAINING_GRADES);

/** Tags as stored: a JSON list of text, or null when the column holds something else. */
function readTags(tags: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(tags);
    return Array.isArray(parsed) && parsed.every((t) => typeof t === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * What of a stored trainee the app cannot read, in words, or null. The database's CHECKs keep such
 * rows out; this is for one that came in before them: the list shows it, named, beside the rest.
 */
function unreadableColumns(status: string, grade: string, tags: string[] | null): string[] | null {
  const found: string[] = [];
  if (tags === null) found.push('tags are not a list');
  if (!KNOWN_STATUSES.has(status)) found.push(`status “${shortenForEcho(status, 40)}” is not one the app knows`);
  if (!KNOWN_GRADES.has(grade)) found.push(`grade “${shortenForEcho(grade, 40)}” is not one the app knows`);
  return found.length > 0 ? found : null;
}

export function rowToTrainee(row: Selectable<TraineesTable>): Trainee {
  const tags = readTags(row.tags);
  const unreadable = unreadableColumns(row.status, row.grade, tags);
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredName: row.preferred_name,
    pronouns: row.pronouns,
    gmcNumber: row.gmc_number,
    email: row.email,
    programme: row.programme,
    grade: row.grade as Trainee['grade'],
    programmeStartDate: row.programme_start_date,
    expectedCctDate: row.expected_cct_date,
    wte: row.wte,
    status: row.status as TraineeStatus,
    leftTrainingOn: row.left_training_on,
    educationalSupervisor: row.educational_supervisor,
    currentPost: row.current_post,
    tags: tags ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
    ...(unreadable ? { unreadable } : {}),
  };
}

/** The columns the register list reads: one per field of `TraineeRow`, nothing more. */
export const TRAINEE_ROW_COLUMNS = [
  'id',
  'given_name',
  'family_name',
  'preferred_name',
  'gmc_number',
  'email',
  'programme',
  'grade',
  'programme_start_date',
  'expected_cct_date',
  'wte',
  'status',
  'educational_supervisor',
  'current_post',
  'tags',
  'archived_at',
] as const satisfies readonly (keyof TraineesTable)[];

/** One register row as the store reads it in raw mode: each column's value, in `TRAINEE_ROW_COLUMNS` order. */
type ValuesOf<C extends readonly (keyof TraineesTable)[]> = {
  -readonly [I in keyof C]: Selectable<TraineesTable>[C[I] & keyof TraineesTable];
};
export type TraineeRowValues = ValuesOf<typeof TRAINEE_ROW_COLUMNS>;

/** Read with `readRows`: the register's rows, in SQL order (the table sorts them itself). */
export const TRAINEE_ROWS_SQL = (includeArchived: boolean) =>
  `SELECT ${TRAINEE_ROW_COLUMNS.join(', ')} FROM trainees${includeArchived ? '' : ' WHERE archived_at IS NULL'}
   ORDER BY family_name, given_name`;

/** A page of `TRAINEE_ROWS_SQL`; parameters: limit, offset. */
export const TRAINEE_ROWS_PAGE_SQL = (includeArchived: boolean) =>
  `${TRAINEE_ROWS_SQL(includeArchived)} LIMIT ? OFFSET ?`;

/** Every register row's name columns, in the same SQL order as the list, for cutting its first page. */
export const TRAINEE_NAMES_SQL = (includeArchived: boolean) =>
  `SELECT id, family_name, given_name, preferred_name FROM trainees${includeArchived ? '' : ' WHERE archived_at IS NULL'}
   ORDER BY family_name, given_name`;

export const TRAINEE_ROWS_BY_ID_SQL = `SELECT ${TRAINEE_ROW_COLUMNS.join(', ')} FROM trainees
   WHERE id IN (SELECT value FROM json_each(?))`;

export type TraineeNameValues = [id: string, familyName: string, givenName: string, preferredName: string | null];

export function traineeRowFromValues(values: TraineeRowValues): TraineeRow {
  const [
    id,
    givenName,
    familyName,
    preferredName,
    gmcNumber,
    email,
    programme,
    grade,
    programmeStartDate,
    expectedCctDate,
    wte,
    status,
    educationalSupervisor,
    currentPost,
    tags,
    archivedAt,
  ] = values;
  // Most trainees have no tags; skipping the parse for them is a tenth of the list's time.
  const tagList = tags === '[]' ? [] : readTags(tags);
  const row: TraineeRow = {
    id,
    givenName,
    familyName,
    preferredName,
    gmcNumber,
    email,
    programme,
    grade: grade as Trainee['grade'],
    programmeStartDate,
    expectedCctDate,
    wte,
    status: status as TraineeStatus,
    educationalSupervisor,
    currentPost,
    tags: tagList ?? [],
    archivedAt,
  };
  // Only a row the app cannot read gets the extra field; every other row keeps the one shape.
  if (tagList === null || !KNOWN_STATUSES.has(status) || !KNOWN_GRADES.has(grade))
    row.unreadable = unreadableColumns(status, grade, tagList) ?? undefined;
  return row;
}

/** The columns a person can edit, ready for insert or update. */
export function fieldsToColumns(f: TraineeFields) {
  return {
    given_name: f.givenName,
    family_name: f.familyName,
    preferred_name: f.preferredName,
    pronouns: f.pronouns,
    gmc_number: f.gmcNumber,
    email: f.email ?? null,
    programme: f.programme,
    grade: f.grade,
    programme_start_date: f.programmeStartDate,
    expected_cct_date: f.expectedCctDate,
    wte: f.wte,
    status: f.status,
    left_training_on: f.leftTrainingOn ?? null,
    educational_supervisor: f.educationalSupervisor,
    current_post: f.currentPost,
    tags: JSON.stringify(f.tags),
  };
}

export function traineeFields(t: Trainee): TraineeFields {
  return {
    givenName: t.givenName,
    familyName: t.familyName,
    preferredName: t.preferredName,
    pronouns: t.pronouns,
    gmcNumber: t.gmcNumber,
    email: t.email,
    programme: t.programme,
    grade: t.grade,
    programmeStartDate: t.programmeStartDate,
    expectedCctDate: t.expectedCctDate,
    wte: t.wte,
    status: t.status,
    leftTrainingOn: t.leftTrainingOn,
    educationalSupervisor: t.educationalSupervisor,
    currentPost: t.currentPost,
    tags: t.tags,
  };
}

export function sameFields(a: TraineeFields, b: TraineeFields): boolean {
  return JSON.stringify(fieldsToColumns(a)) === JSON.stringify(fieldsToColumns(b));
}
