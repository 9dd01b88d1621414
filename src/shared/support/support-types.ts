import { z } from 'zod';
import { idSchema } from '../schema-helpers';
import { dateSchema, isRealIsoDate, optionalDateSchema } from '../dates';
import { labelledEnum, type EnumValue } from '../labelled-enum';
import { optionalText, requiredText } from '../text';

/**
 * Support and referrals, closing the loop: an offer is made, then accepted or declined, then
 * attended and completed. Each step carries its own date; the outcome says what came of it.
 */
export const SUPPORT_STATUSES = labelledEnum(['offered', 'accepted', 'declined', 'attended', 'completed'], {
  offered: 'Offered',
  accepted: 'Accepted',
  declined: 'Declined',
  attended: 'Attended',
  completed: 'Completed',
});
export type SupportStatus = EnumValue<typeof SUPPORT_STATUSES>;

/** An open offer: the TPD still has to find out what happened (it gets a follow-up date). */
export function isSupportOpen(status: SupportStatus): boolean {
  return status === 'offered' || status === 'accepted';
}
/** The open statuses, for queries that filter in SQL. */
export const OPEN_SUPPORT_STATUSES: SupportStatus[] = SUPPORT_STATUSES.values.filter(isSupportOpen);

/** The trainee took the support up: accepted it, went, or finished it. */
export function isSupportTakenUp(status: SupportStatus): boolean {
  return status === 'accepted' || status === 'attended' || status === 'completed';
}

/** Which steps may follow which: declined and completed close the item. */
export const SUPPORT_NEXT_STEPS: Record<SupportStatus, SupportStatus[]> = {
  offered: ['accepted', 'declined'],
  accepted: ['attended', 'declined', 'completed'],
  declined: [],
  attended: ['completed'],
  completed: [],
};

/** Where an offer came from: typed by hand, from a PLP goal, after an exam fail, or a readiness check. */
export const SUPPORT_SOURCES = ['manual', 'plp', 'post_fail', 'readiness'] as const;
export type SupportSource = (typeof SUPPORT_SOURCES)[number];

export const SUPPORT_CATEGORIES = [
  { value: 'induction', label: 'Induction' },
  { value: 'exam', label: 'Exam preparation' },
  { value: 'pastoral', label: 'Pastoral' },
  { value: 'communication', label: 'Communication and language' },
  { value: 'wellbeing', label: 'Wellbeing and health' },
  { value: 'other', label: 'Other' },
] as const;
export type SupportCategory = (typeof SUPPORT_CATEGORIES)[number]['value'];
export const SUPPORT_CATEGORY_VALUES = SUPPORT_CATEGORIES.map((c) => c.value) as [
  SupportCategory,
  ...SupportCategory[],
];

export const DEFAULT_FOLLOW_UP_DAYS = 14;

export interface SupportCatalogueEntry {
  id: string;
  label: string;
  category: SupportCategory;
  /** An offer still open this many days after it was made (or accepted) needs a follow-up. */
  followUpDays: number;
  active: boolean;
}

export interface SupportItem {
  id: string;
  traineeId: string;
  catalogueId: string | null;
  label: string;
  source: SupportSource;
  sourceId: string | null;
  goalId: string | null;
  status: SupportStatus;
  offeredOn: string;
  acceptedOn: string | null;
  declinedOn: string | null;
  attendedOn: string | null;
  completedOn: string | null;
  outcome: string | null;
  note: string | null;
  /** When an open offer needs chasing; null once closed. */
  followUpOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export const supportOfferSchema = z
  .strictObject({
    traineeId: idSchema,
    catalogueId: z.string().max(64).nullable().optional(),
    label: optionalText(200, 'The support'),
    offeredOn: dateSchema('date offered'),
    goalId: z.string().max(64).nullable().optional(),
    note: optionalText(5000, 'The note'),
  })
  .superRefine((v, ctx) => {
    if (!v.catalogueId && !v.label)
      ctx.addIssue({ code: 'custom', path: ['label'], message: 'Choose a support offer or describe it' });
  });
export type SupportOfferInput = z.output<typeof supportOfferSchema>;

/** Moves an item on: the new status, the date it happened and, when closing, what came of it. */
export const supportStepSchema = z
  .strictObject({
    id: idSchema,
    status: SUPPORT_STATUSES.schema('Choose what happened'),
    on: dateSchema('date'),
    outcome: optionalText(5000, 'The outcome'),
  })
  .superRefine((v, ctx) => {
    if ((v.status === 'completed' || v.status === 'declined') && !v.outcome) {
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message:
          v.status === 'declined' ? 'Say why it was declined (or what was agreed instead)' : 'Say what came of it',
      });
    }
  });
export type SupportStepInput = z.output<typeof supportStepSchema>;

export const supportCatalogueEntrySchema = z.strictObject({
  id: z.string().max(64).nullable().optional(),
  label: requiredText(200, 'Enter the name of the support offer', 'The name'),
  category: z.enum(SUPPORT_CATEGORY_VALUES, { error: 'Choose a category' }),
  followUpDays: z.coerce
    .number({ error: 'Enter the number of days before a follow-up' })
    .int({ error: 'Use a whole number of days' })
    .min(1, { error: 'Follow up after at least 1 day' })
    .max(365, { error: 'Follow up within 365 days' }),
  active: z.boolean().default(true),
});
export type SupportCatalogueEntryInput = z.output<typeof supportCatalogueEntrySchema>;

/** Checks a step against the item's history: dates cannot run backwards, closed items stay closed. */
export function supportStepProblem(
  item: Pick<SupportItem, 'status' | 'offeredOn'>,
  step: { status: SupportStatus; on: string },
): string | null {
  if (!SUPPORT_NEXT_STEPS[item.status].includes(step.status)) {
    return `A support item that is ${SUPPORT_STATUSES.label(item.status).toLowerCase()} cannot be marked ${SUPPORT_STATUSES.label(step.status).toLowerCase()}`;
  }
  if (isRealIsoDate(step.on) && step.on < item.offeredOn) return 'The date cannot be before the support was offered';
  return null;
}

export const optionalSupportDate = optionalDateSchema;
