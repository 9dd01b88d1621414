import { z } from 'zod';
import { idSchema } from '../schema-helpers';
import { dateSchema, optionalDateSchema } from '../dates';
import { labelOf, labelledEnum, type EnumValue } from '../labelled-enum';
import { optionalText, requiredText } from '../text';

/**
 * The 13 RCGP capabilities, kept as versioned reference data: a goal stores `rcgp2019:<key>`,
 * so a later curriculum can add its own list without rewriting old plans.
 */
export const RCGP_CAPABILITIES = {
  version: '2019',
  items: [
    ['fitness_to_practise', 'Fitness to practise'],
    ['ethical_approach', 'Maintaining an ethical approach'],
    ['communication_consultation', 'Communication and consultation'],
    ['data_gathering', 'Data gathering and interpretation'],
    ['ceps', 'Clinical examination and procedural skills'],
    ['making_decisions', 'Making decisions'],
    ['clinical_management', 'Clinical management'],
    ['medical_complexity', 'Managing medical complexity'],
    ['teams', 'Working with colleagues and in teams'],
    ['performance_learning_teaching', 'Maintaining performance, learning and teaching'],
    ['organisational_leadership', 'Organisational management and leadership'],
    ['holistic_health_promotion', 'Practising holistically and promoting health'],
    ['community_orientation', 'Community orientation'],
  ] as const,
};

export const GOAL_AREAS: Array<{ value: string; label: string; group: string }> = [
  ...RCGP_CAPABILITIES.items.map(([key, label]) => ({
    value: `rcgp${RCGP_CAPABILITIES.version}:${key}`,
    label,
    group: `RCGP capabilities (${RCGP_CAPABILITIES.version})`,
  })),
  { value: 'exam', label: 'Exam preparation', group: 'Other areas' },
  { value: 'communication', label: 'Communication and language', group: 'Other areas' },
  { value: 'eportfolio', label: 'E-portfolio', group: 'Other areas' },
  { value: 'wellbeing', label: 'Wellbeing', group: 'Other areas' },
  { value: 'practical', label: 'Practical matters', group: 'Other areas' },
];
export const GOAL_AREA_VALUES = GOAL_AREAS.map((a) => a.value) as [string, ...string[]];

export function goalAreaLabel(value: string): string {
  return labelOf(GOAL_AREAS, value);
}

export const GOAL_STATUSES = labelledEnum(['not_started', 'in_progress', 'achieved', 'stopped'], {
  not_started: 'Not started',
  in_progress: 'In progress',
  achieved: 'Achieved',
  stopped: 'Stopped',
});
export type GoalStatus = EnumValue<typeof GOAL_STATUSES>;

/** A goal still being worked on: it counts as open on the plan, in 1:1s, on Today and at ARCP. */
export function isGoalOpen(status: GoalStatus): boolean {
  return status === 'not_started' || status === 'in_progress';
}
/** The open statuses, for queries that filter in SQL. */
export const OPEN_GOAL_STATUSES: GoalStatus[] = GOAL_STATUSES.values.filter(isGoalOpen);

export const goalFieldsSchema = z
  .strictObject({
    traineeId: idSchema,
    title: requiredText(300, 'Enter the goal', 'The goal'),
    area: z.enum(GOAL_AREA_VALUES, { error: 'Choose the area this goal is about' }),
    successCriteria: optionalText(5000, 'What success looks like').default(null),
    targetOn: optionalDateSchema('target date').default(null),
    nextReviewOn: optionalDateSchema('next review date').default(null),
    status: GOAL_STATUSES.schema('Choose a status').default('not_started'),
  })
  .refine((g) => !(isGoalOpen(g.status) && !g.targetOn && !g.nextReviewOn), {
    path: ['nextReviewOn'],
    message: 'Enter a target date or a next review date, so the goal comes up for review',
    // Checked alongside the other fields' messages, so a form shows them all at once.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });
export type GoalFieldsInput = z.input<typeof goalFieldsSchema>;
export type GoalFields = z.output<typeof goalFieldsSchema>;

export const goalReviewSchema = z.strictObject({
  goalId: idSchema,
  reviewedOn: dateSchema('review date'),
  note: requiredText(5000, 'Write what the review found', 'The review note'),
  statusAfter: GOAL_STATUSES.schema('Choose the goal’s status after this review'),
  nextReviewOn: optionalDateSchema('next review date').default(null),
});
export type GoalReviewInput = z.output<typeof goalReviewSchema>;

export interface PlpReview {
  id: string;
  goalId: string;
  reviewedOn: string;
  note: string;
  statusAfter: GoalStatus;
}

/** A PLP goal: all of it is shared content (it is the trainee's own plan). */
export interface PlpGoal {
  id: string;
  traineeId: string;
  title: string;
  area: string;
  areaLabel: string;
  successCriteria: string | null;
  targetOn: string | null;
  nextReviewOn: string | null;
  status: GoalStatus;
  sourceNeedId: string | null;
  reviews: PlpReview[];
  /** The 1:1s and support that serve this goal. */
  meetings: Array<{ id: string; heldOn: string; meetingTypeLabel: string }>;
  support: Array<{ id: string; label: string; status: string }>;
  createdAt: string;
  updatedAt: string;
}
