import { format, parseISO, differenceInCalendarDays } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

/** The app's dates are calendar dates (`yyyy-MM-dd`); instants are ISO strings in UTC. */
export const UK_TIME_ZONE = 'Europe/London';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UK_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** True only for a date that exists on the calendar (no 31 February). */
export function isRealIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  // Plain arithmetic: every form, import row and handover row checks its dates here, thousands at a time.
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

/**
 * Reads a date as people type it in the UK: `7/08/2024`, `07/08/2024`, `7.8.2024`, or ISO
 * `2024-08-07`. Returns the ISO date, or null when the text is not a real date.
 */
export function parseUkDate(text: string): string | null {
  const value = text.trim();
  if (ISO_DATE.test(value)) return isRealIsoDate(value) ? value : null;
  const m = UK_DATE.exec(value);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isRealIsoDate(iso) ? iso : null;
}

/** `2024-08-07` → `07/08/2024`, the form UK forms and spreadsheets use. */
export function formatUkDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (!isRealIsoDate(iso.slice(0, 10))) return iso;
  return format(parseISO(iso.slice(0, 10)), 'dd/MM/yyyy');
}

/** `2024-08-07` → `7 Aug 2024`, for reading rather than typing. */
export function formatLongDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (!isRealIsoDate(iso.slice(0, 10))) return iso;
  return format(parseISO(iso.slice(0, 10)), 'd MMM yyyy');
}

/** An instant shown as a UK wall-clock time, whatever the machine's own time zone. */
export function formatUkDateTime(instant: string | Date): string {
  const d = new TZDate(typeof instant === 'string' ? new Date(instant).getTime() : instant.getTime(), UK_TIME_ZONE);
  return format(d, 'd MMM yyyy, HH:mm');
}

/** Today's calendar date in the UK. */
export function ukToday(now: Date = new Date()): string {
  return format(new TZDate(now.getTime(), UK_TIME_ZONE), 'yyyy-MM-dd');
}

/** `iso` moved by whole days. Calendar arithmetic in UTC, so clock changes cannot shift it. */
export function shiftDate(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return differenceInCalendarDays(parseISO(toIso), parseISO(fromIso));
}

/** A required calendar date; accepts ISO or UK-typed text and yields ISO. */
export function dateSchema(label: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : (parseUkDate(v) ?? v)) : v),
    z
      .string({ error: (iss) => (iss.input === undefined ? `Enter the ${label}` : `Enter the ${label} as a date`) })
      .refine(isRealIsoDate, { error: `The ${label} is not a real date (use dd/mm/yyyy)` }),
  );
}

/** An optional calendar date: blank becomes null. */
export function optionalDateSchema(label: string) {
  return z.preprocess(
    (v) =>
      v == null || (typeof v === 'string' && v.trim() === '')
        ? null
        : typeof v === 'string'
          ? (parseUkDate(v) ?? v)
          : v,
    z
      .string()
      .refine(isRealIsoDate, { error: `The ${label} is not a real date (use dd/mm/yyyy)` })
      .nullable(),
  );
}
