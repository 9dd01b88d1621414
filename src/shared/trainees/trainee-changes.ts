import { formatUkDate } from '../dates';
import { TRAINEE_STATUSES } from './reference';
import type { TraineeFields } from './trainee-schema';

/** One field a write would change, as a person reads it: "Surname: Farouk → Green". */
export interface TraineeFieldChange {
  field: keyof TraineeFields;
  label: string;
  before: string;
  after: string;
}

export const TRAINEE_FIELD_LABELS: Record<keyof TraineeFields, string> = {
  givenName: 'First name',
  familyName: 'Surname',
  preferredName: 'Preferred name',
  pronouns: 'Pronouns',
  gmcNumber: 'GMC number',
  email: 'Email',
  programme: 'Programme',
  grade: 'Training grade',
  programmeStartDate: 'Programme start date',
  expectedCctDate: 'Expected CCT date',
  wte: 'Whole-time equivalent',
  status: 'Status',
  leftTrainingOn: 'Date left training',
  educationalSupervisor: 'Educational supervisor',
  currentPost: 'Current post',
  tags: 'Tags',
};

function shown(field: keyof TraineeFields, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'tags') return (value as string[]).join('; ') || '—';
  if (field === 'wte') return `${Math.round(Number(value) * 100)}%`;
  if (field === 'status') return TRAINEE_STATUSES.label(String(value));
  if (field === 'programmeStartDate' || field === 'expectedCctDate' || field === 'leftTrainingOn')
    return formatUkDate(String(value));
  return String(value);
}

/** Every field that differs between what the register holds and what would be written, in form order. */
export function traineeChanges(before: TraineeFields, after: TraineeFields): TraineeFieldChange[] {
  const changes: TraineeFieldChange[] = [];
  for (const field of Object.keys(TRAINEE_FIELD_LABELS) as Array<keyof TraineeFields>) {
    const from = shown(field, before[field]);
    const to = shown(field, after[field]);
    if (from !== to) changes.push({ field, label: TRAINEE_FIELD_LABELS[field], before: from, after: to });
  }
  return changes;
}

/** A name as compared for "is this the same person": no accents, case or spacing. */
function nameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, '');
}

/**
 * Whether two records name the same person: first name and surname alike beyond case, accents and
 * spacing ("Zoë  Brontë" is "zoe bronte"). A preferred name may change freely; it is not who someone is.
 */
export function sameTraineeName(
  a: Pick<TraineeFields, 'givenName' | 'familyName'>,
  b: Pick<TraineeFields, 'givenName' | 'familyName'>,
): boolean {
  return nameKey(a.givenName) === nameKey(b.givenName) && nameKey(a.familyName) === nameKey(b.familyName);
}
