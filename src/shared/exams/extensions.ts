import { addMonths, differenceInCalendarDays, format, parseISO } from 'date-fns';
import { z } from 'zod';
import { dateSchema, formatLongDate, isRealIsoDate } from '../dates';
import { labelledEnum, type EnumValue } from '../labelled-enum';
import { requiredText } from '../text';

/**
 * Extensions of training after exam fails (England): up to 12 months in all, and up to 6 further
 * exceptional months. Pure arithmetic, shared by the Exams tab, the re-sit monitor and the Overview.
 */
export const EXTENSION_KINDS = labelledEnum(['standard', 'exceptional'], {
  standard: 'Standard',
  exceptional: 'Exceptional',
});
export type ExtensionKind = EnumValue<typeof EXTENSION_KINDS>;

export const EXTENSION_ALLOWANCE_MONTHS: Record<ExtensionKind, number> = { standard: 12, exceptional: 6 };

export interface ExtensionPeriodLike {
  id: string;
  kind: ExtensionKind;
  /** First day of the period (yyyy-MM-dd). */
  startsOn: string;
  /** Last day of the period, included. */
  endsOn: string;
}

/** A length of time in calendar months and days. */
export interface Span {
  months: number;
  days: number;
}

/*
 * How "months" are measured (one definition everywhere):
 * - A period runs from its start date to its end date, both days included.
 * - Its length is whole calendar months from its own start date (date-fns `addMonths`, which keeps
 *   the day of the month, or uses the month's last day when it has none), then the days left over:
 *   1 Mar 2026 – 28 Feb 2027 is 12 months; 1 Mar 2026 – 1 Mar 2027 is 12 months 1 day;
 *   1 Mar 2026 – 31 Aug 2026 is 6 months.
 * - A kind's time used adds up its periods' months and their leftover days; every 30 leftover days
 *   make a month (only periods that do not end on a month boundary have any).
 * - The allowance (12 standard months, 6 exceptional) is compared with that total, so one period
 *   may end at the latest on the day before the same date 12 (or 6) months after it starts.
 */
const DAYS_PER_MONTH = 30;

const toUnits = (s: Span) => s.months * DAYS_PER_MONTH + s.days;
const fromUnits = (u: number): Span => ({ months: Math.floor(u / DAYS_PER_MONTH), days: u % DAYS_PER_MONTH });

function dayCount(fromIso: string, toIso: string): number {
  return differenceInCalendarDays(parseISO(toIso), parseISO(fromIso));
}

function isoPlusMonths(iso: string, months: number): string {
  return format(addMonths(parseISO(iso), months), 'yyyy-MM-dd');
}

/** Days in a period, both ends included. */
export function periodDays(p: Pick<ExtensionPeriodLike, 'startsOn' | 'endsOn'>): number {
  return dayCount(p.startsOn, p.endsOn) + 1;
}

/** `days` laid from `from`, as whole calendar months and the days left over. */
export function spanFrom(from: string, days: number): Span {
  let months = 0;
  while (dayCount(from, isoPlusMonths(from, months + 1)) <= days) months++;
  return { months, days: days - dayCount(from, isoPlusMonths(from, months)) };
}

/** "7 months", "12 months 1 day", "1 day", "0 months". */
export function describeSpan(span: Span): string {
  const months = `${span.months} month${span.months === 1 ? '' : 's'}`;
  const days = `${span.days} day${span.days === 1 ? '' : 's'}`;
  if (span.days === 0) return months;
  return span.months === 0 ? days : `${months} ${days}`;
}

export interface ExtensionKindUse {
  kind: ExtensionKind;
  allowanceMonths: number;
  used: Span;
  left: Span;
  /** Beyond the allowance (only old records can be: saving refuses it). */
  over: Span;
}

export interface ExtensionUse {
  standard: ExtensionKindUse;
  exceptional: ExtensionKindUse;
  /** "Extension used: 7 months of 12; 0 of 6 exceptional". */
  text: string;
  /** "7 months used, 5 months left; exceptional: 0 months used, 6 months left". */
  leftText: string;
}

/** One period's own length. */
export function periodSpan(p: Pick<ExtensionPeriodLike, 'startsOn' | 'endsOn'>): Span {
  return spanFrom(p.startsOn, periodDays(p));
}

function kindUse(kind: ExtensionKind, periods: readonly ExtensionPeriodLike[]): ExtensionKindUse {
  const allowanceMonths = EXTENSION_ALLOWANCE_MONTHS[kind];
  const used = periods.filter((p) => p.kind === kind).reduce((sum, p) => sum + toUnits(periodSpan(p)), 0);
  const allowed = allowanceMonths * DAYS_PER_MONTH;
  return {
    kind,
    allowanceMonths,
    used: fromUnits(used),
    left: fromUnits(Math.max(0, allowed - used)),
    over: fromUnits(Math.max(0, used - allowed)),
  };
}

/** Time used and left of each kind of extension. */
export function extensionUse(periods: readonly ExtensionPeriodLike[]): ExtensionUse {
  const standard = kindUse('standard', periods);
  const exceptional = kindUse('exceptional', periods);
  const exceptionalUsed = exceptional.used.days ? describeSpan(exceptional.used) : String(exceptional.used.months);
  return {
    standard,
    exceptional,
    text: `Extension used: ${describeSpan(standard.used)} of 12; ${exceptionalUsed} of 6 exceptional`,
    leftText:
      `${describeSpan(standard.used)} used, ${describeSpan(standard.left)} left; ` +
      `exceptional: ${describeSpan(exceptional.used)} used, ${describeSpan(exceptional.left)} left`,
  };
}

export interface ExtensionProblem {
  field: 'startsOn' | 'endsOn';
  message: string;
}

/**
 * Why a period cannot be saved alongside a trainee's other periods (the one being edited is
 * left out by id), or null. End before start is the schema's own message.
 */
export function extensionProblem(
  existing: readonly ExtensionPeriodLike[],
  candidate: ExtensionPeriodLike,
): ExtensionProblem | null {
  const others = existing.filter((p) => p.id !== candidate.id);
  const clash = others
    .filter((p) => p.startsOn <= candidate.endsOn && candidate.startsOn <= p.endsOn)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0];
  if (clash)
    return {
      field: 'startsOn',
      message: `This period overlaps the ${EXTENSION_KINDS.label(clash.kind).toLowerCase()} extension from ${formatLongDate(clash.startsOn)} to ${formatLongDate(clash.endsOn)}`,
    };
  const use = kindUse(candidate.kind, [...others, candidate]);
  if (toUnits(use.over) > 0)
    return {
      field: 'endsOn',
      message: `That makes ${describeSpan(use.used)} of ${candidate.kind} extension, ${describeSpan(use.over)} more than the ${use.allowanceMonths} months allowed`,
    };
  return null;
}

export const extensionFieldsSchema = z
  .strictObject({
    kind: EXTENSION_KINDS.schema('Choose standard or exceptional'),
    startsOn: dateSchema('start date'),
    endsOn: dateSchema('end date'),
    reason: requiredText(1000, 'Enter the reason for the extension', 'Reason'),
  })
  .superRefine((v, ctx) => {
    if (isRealIsoDate(v.startsOn) && isRealIsoDate(v.endsOn) && v.endsOn < v.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The end date must be on or after the start date' });
  });
export type ExtensionFieldsInput = z.input<typeof extensionFieldsSchema>;
export type ExtensionFields = z.output<typeof extensionFieldsSchema>;

export interface ExtensionPeriod extends ExtensionPeriodLike {
  traineeId: string;
  reason: string;
  /** This period's own length, e.g. "6 months". */
  lengthText: string;
  createdAt: string;
  updatedAt: string;
}
