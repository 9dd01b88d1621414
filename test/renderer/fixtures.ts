import type { Trainee } from '../../src/shared/trainees/trainee-schema';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings/settings-schema';

let next = 1;
/** A synthetic trainee; override what the test is about. */
export function aTrainee(overrides: Partial<Trainee> = {}): Trainee {
  const n = next++;
  return {
    id: `t${n}`,
    givenName: 'Test',
    familyName: `Trainee${n}`,
    preferredName: null,
    pronouns: null,
    gmcNumber: String(7000000 + n),
    email: null,
    programme: 'GP - Northtown VTS',
    grade: 'ST1',
    programmeStartDate: '2025-08-06',
    expectedCctDate: '2028-08-05',
    wte: 1,
    status: 'in_programme',
    educationalSupervisor: 'Dr Example',
    currentPost: 'Riverside Surgery',
    tags: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    archivedAt: null,
    ...overrides,
  };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}
