import type { Selectable } from 'kysely';
import type { Trainee, TraineeFields, TraineeRow } from '../../../shared/trainees/trainee-schema';
import type { TraineeStatus } from '../../../shared/trainees/reference';
import type { TraineesTable } from '../../store/schema';

export function rowToTrainee(row: Selectable<TraineesTable>): Trainee {
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
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
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
  // One object literal per row: the same shape every time, which JSON.stringify serialises fastest.
  return {
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
    // Most trainees have no tags; skipping the parse for them is a tenth of the list's time.
    tags: tags === '[]' ? [] : (JSON.parse(tags) as string[]),
    archivedAt,
  };
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
