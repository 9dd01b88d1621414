/**
 * Exam reference data: the shapes of exam definitions and rules, and the defaults a new
 * database starts with. Everything here is editable by the user; these are only the starting values.
 */
import { labelledEnum, type EnumValue } from '../labelled-enum';

export const EXAM_RESULTS = labelledEnum(['pass', 'fail', 'withdrawn', 'void', 'awaiting'], {
  pass: 'Pass',
  fail: 'Fail',
  withdrawn: 'Withdrawn',
  void: 'Void',
  awaiting: 'Awaiting result',
});
export type ExamResult = EnumValue<typeof EXAM_RESULTS>;

/** Results that use up an attempt. A withdrawal or a voided sitting does not. */
export const COUNTED_RESULTS: readonly ExamResult[] = ['pass', 'fail', 'awaiting'];

/** SCA (and RCA) domain grades, best first. */
export const DOMAIN_GRADES = ['Clear Pass', 'Pass', 'Fail', 'Clear Fail'] as const;
export type DomainGrade = (typeof DOMAIN_GRADES)[number];
export const FAILING_GRADES: readonly string[] = ['Fail', 'Clear Fail'];

/** How an exam reports its parts: subject-area percentages (AKT) or graded domains (SCA). */
export type ComponentKind = 'percentage' | 'grade' | 'none';

export interface ExamComponent {
  key: string;
  label: string;
}

export interface ExamDefinitionFields {
  code: string;
  name: string;
  /** A total score with a pass mark set per sitting (AKT). */
  hasScore: boolean;
  componentKind: ComponentKind;
  components: ExamComponent[];
  /** Guidance only: shown, never enforced. */
  earliestGrade: string | null;
  /** Still recordable, no longer sat (RCA). */
  historic: boolean;
  /** Exams in the same group share one attempt limit (RCA attempts count towards the SCA's). */
  attemptGroup: string;
  /** Bookings close this many weeks before a sitting; null when not tracked. */
  bookingWeeksBefore: number | null;
}

export interface ExamDefinition extends ExamDefinitionFields {
  id: string;
  builtIn: boolean;
  archivedAt: string | null;
}

/** Attempt limits by the date the trainee entered training (programme start date). */
export interface AttemptLimitRule {
  label: string;
  /** Inclusive bounds on the entry date; null means open-ended. */
  entryFrom: string | null;
  entryTo: string | null;
  standardAttempts: number;
  /** Further attempts allowed only exceptionally, with conditions. */
  exceptionalAttempts: number;
}

/** One rung of the region's post-fail ladder: what is offered after the Nth fail. */
export interface PostFailTier {
  failNumber: number;
  label: string;
  /** Support items offered at this tier, one per line in the form. */
  support: string[];
}

export interface ExamRules {
  attemptLimits: AttemptLimitRule[];
  ladder: PostFailTier[];
}

export const DEFAULT_EXAM_RULES: ExamRules = {
  attemptLimits: [
    {
      label: 'In training on 1 Aug 2023',
      entryFrom: null,
      entryTo: '2023-08-01',
      standardAttempts: 4,
      exceptionalAttempts: 1,
    },
    {
      label: 'Started on or after 2 Aug 2023',
      entryFrom: '2023-08-02',
      entryTo: null,
      standardAttempts: 6,
      exceptionalAttempts: 0,
    },
  ],
  ladder: [
    {
      failNumber: 1,
      label: 'First fail: exam preparation course',
      support: ['Invitation to the regional exam preparation course'],
    },
    { failNumber: 2, label: 'Second fail: small-group sessions', support: ['Small-group exam support sessions'] },
    { failNumber: 3, label: 'Third or later fail: 1:1 sessions', support: ['1:1 sessions with the exam lead'] },
  ],
};

export const SCA_COMPONENTS: ExamComponent[] = [
  { key: 'data_gathering', label: 'Data gathering & diagnosis' },
  { key: 'clinical_management', label: 'Clinical management & medical complexity' },
  { key: 'relating_to_others', label: 'Relating to others' },
];

/** Things that may have contributed to a fail, discussed without judgement. */
export const CONTRIBUTING_FACTORS = labelledEnum(
  [
    'preparation',
    'knowledge',
    'consultation',
    'language',
    'health',
    'personal',
    'workload',
    'neurodiversity',
    'conditions',
  ],
  {
    preparation: 'Preparation and exam technique',
    knowledge: 'Knowledge gaps',
    consultation: 'Consultation skills',
    language: 'Language and communication',
    health: 'Health and wellbeing',
    personal: 'Personal or family circumstances',
    workload: 'Workload or rota',
    neurodiversity: 'Possible neurodiversity',
    conditions: 'Exam conditions',
  },
);
export type ContributingFactor = EnumValue<typeof CONTRIBUTING_FACTORS>;

export const READINESS_DECISIONS = labelledEnum(['ready', 'not_yet', 'defer'], {
  ready: 'Ready to sit',
  not_yet: 'Not yet ready',
  defer: 'Defer to a later sitting',
});
export type ReadinessDecision = EnumValue<typeof READINESS_DECISIONS>;

/** Days after a fail by which a post-fail conversation should have happened. */
export const POST_FAIL_CONVERSATION_DUE_DAYS = 28;
/** A booking deadline this close with no readiness discussion is flagged. */
export const BOOKING_WARNING_DAYS = 14;
