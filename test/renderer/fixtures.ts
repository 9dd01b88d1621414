import type { Trainee } from '../../src/shared/trainees/trainee-schema';
import { DEFAULT_EXAM_RULES, SCA_COMPONENTS } from '../../src/shared/exams/exam-reference';
import type { ExamAttempt, PostFailDraft } from '../../src/shared/exams/exam-types';
import { extensionUse } from '../../src/shared/exams/extensions';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings/settings-schema';

/** The extension and after-training parts of `exams:forTrainee` for a trainee with neither. */
export const NO_EXAM_TIME = { extensions: [], extensionUse: extensionUse([]), afterTraining: null };

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
    leftTrainingOn: null,
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

/** A failed SCA sitting (the second domain a clear fail), as main lists it. */
export function aFailedAttempt(traineeId: string): ExamAttempt {
  return {
    id: 'a1',
    traineeId,
    examId: 'sca',
    examCode: 'SCA',
    examName: 'Simulated Consultation Assessment',
    attemptGroup: 'SCA',
    sittingDate: '2024-01-23',
    result: 'fail',
    score: null,
    passMark: null,
    itemCount: null,
    scoreText: null,
    components: [
      { ...SCA_COMPONENTS[0]!, value: 'Fail' },
      { ...SCA_COMPONENTS[1]!, value: 'Clear Fail' },
      { ...SCA_COMPONENTS[2]!, value: 'Clear Pass' },
    ],
    weakestAreas: [SCA_COMPONENTS[1]!.label],
    feedback: null,
    attemptNumber: 1,
    exceptional: false,
    overLimit: false,
    standardLeftAfter: 5,
    exceptionalLeftAfter: 0,
    flags: [],
    source: 'import',
  };
}

/** What main offers for a first fail of `attempt`: tier 1 and its one support offer. */
export function aPostFailDraft(attempt: ExamAttempt): PostFailDraft {
  return {
    attempt,
    failNumber: 1,
    supportTier: 1,
    supportTierLabel: DEFAULT_EXAM_RULES.ladder[0]!.label,
    supportOffered: [{ label: 'Invitation to the regional exam preparation course', accepted: false }],
    feedbackByArea: attempt.components.map((c) => ({
      key: c.key,
      label: c.label,
      result: c.value,
      weakest: c.label === SCA_COMPONENTS[1]!.label,
      note: null,
    })),
    bookingWeeksBefore: 7,
  };
}
