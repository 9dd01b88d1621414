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

export function rowToTraineeRow(
  row: Pick<Selectable<TraineesTable>, (typeof TRAINEE_ROW_COLUMNS)[number]>,
): TraineeRow {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredName: row.preferred_name,
    gmcNumber: row.gmc_number,
    email: row.email,
    programme: row.programme,
    grade: row.grade as Trainee['grade'],
    programmeStartDate: row.programme_start_date,
    expectedCctDate: row.expected_cct_date,
    wte: row.wte,
    status: row.status as TraineeStatus,
    educationalSupervisor: row.educational_supervisor,
    currentPost: row.current_post,
    tags: JSON.parse(row.tags) as string[],
    archivedAt: row.archived_at,
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
