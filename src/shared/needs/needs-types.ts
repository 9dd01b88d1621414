import { z } from 'zod';
import { idSchema } from '../schema-helpers';
import { optionalDateSchema } from '../dates';
import { optionalText, requiredText } from '../text';
import { GOAL_AREA_VALUES } from '../plp';

/** Early needs ("hello form" / transfer of information): a structured intake, destroyed when training ends. */
export const PRACTICAL_NEEDS = [
  { value: 'visa', label: 'Visa or immigration' },
  { value: 'housing', label: 'Housing' },
  { value: 'childcare', label: 'Childcare' },
  { value: 'transport', label: 'Transport or driving' },
  { value: 'finance', label: 'Money or payroll' },
] as const;
export type PracticalNeed = (typeof PRACTICAL_NEEDS)[number]['value'];
export const PRACTICAL_NEED_VALUES = PRACTICAL_NEEDS.map((n) => n.value) as [PracticalNeed, ...PracticalNeed[]];

export const SCREENING_OPTIONS = [
  { value: 'not_discussed', label: 'Not discussed yet' },
  { value: 'offered', label: 'Offered, trainee deciding' },
  { value: 'accepted', label: 'Offered and accepted' },
  { value: 'declined', label: 'Offered and declined' },
  { value: 'completed', label: 'Screening completed' },
] as const;
export type ScreeningStatus = (typeof SCREENING_OPTIONS)[number]['value'];
export const SCREENING_VALUES = SCREENING_OPTIONS.map((n) => n.value) as [ScreeningStatus, ...ScreeningStatus[]];

const LONG = 5000;

export const earlyNeedsFieldsSchema = z
  .strictObject({
    traineeId: idSchema,
    completedOn: optionalDateSchema('date of the intake').default(null),
    previousExperience: optionalText(LONG, 'Previous experience').default(null),
    nhsFamiliarity: optionalText(LONG, 'Familiarity with the NHS').default(null),
    learningPreferences: optionalText(LONG, 'Learning preferences').default(null),
    communicationLanguage: optionalText(LONG, 'Communication and language').default(null),
    practicalNeeds: z.array(z.enum(PRACTICAL_NEED_VALUES)).max(PRACTICAL_NEED_VALUES.length).default([]),
    practicalNotes: optionalText(LONG, 'Practical needs').default(null),
    wellbeing: optionalText(LONG, 'Wellbeing').default(null),
    reasonableAdjustments: optionalText(LONG, 'Reasonable adjustments').default(null),
    neurodiversityScreening: z
      .enum(SCREENING_VALUES, { error: 'Choose whether neurodiversity screening was offered' })
      .default('not_discussed'),
    neurodiversityScreeningOn: optionalDateSchema('screening date').default(null),
    consentShareWith: optionalText(500, 'Who it may be shared with').default(null),
    consentScope: optionalText(LONG, 'What may be shared').default(null),
    consentGivenOn: optionalDateSchema('consent date').default(null),
    referrals: optionalText(LONG, 'Referrals').default(null),
  })
  .superRefine((n, ctx) => {
    if ((n.consentShareWith || n.consentScope) && !n.consentGivenOn) {
      ctx.addIssue({ code: 'custom', path: ['consentGivenOn'], message: 'Enter the date the trainee gave consent' });
    }
    if (n.consentGivenOn && !n.consentShareWith) {
      ctx.addIssue({
        code: 'custom',
        path: ['consentShareWith'],
        message: 'Say who the trainee agreed it may be shared with',
      });
    }
    if (n.neurodiversityScreening !== 'not_discussed' && !n.neurodiversityScreeningOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['neurodiversityScreeningOn'],
        message: 'Enter the date screening was offered',
      });
    }
  });
export type EarlyNeedsFieldsInput = z.input<typeof earlyNeedsFieldsSchema>;
export type EarlyNeedsFields = z.output<typeof earlyNeedsFieldsSchema>;

export interface EarlyNeeds extends EarlyNeedsFields {
  /** When the form is to be destroyed: the end of training. */
  retainUntil: string;
  createdAt: string;
  updatedAt: string;
}

export interface IdentifiedNeed {
  id: string;
  traineeId: string;
  area: string;
  areaLabel: string;
  description: string;
  /** Set once the need has become a PLP goal. */
  goalId: string | null;
  createdAt: string;
}

export const identifiedNeedSchema = z.strictObject({
  traineeId: idSchema,
  area: z.enum(GOAL_AREA_VALUES, { error: 'Choose the area of the need' }),
  description: requiredText(500, 'Describe the need', 'The need'),
});
export type IdentifiedNeedInput = z.output<typeof identifiedNeedSchema>;

export interface EarlyNeedsView {
  intake: EarlyNeeds | null;
  needs: IdentifiedNeed[];
  /** Shown before the first save too: the end of training as the register has it. */
  retainUntil: string;
}
