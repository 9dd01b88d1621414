import { addMonths, format, parseISO } from 'date-fns';
import type { RetentionPeriod } from '../settings';

/**
 * The day a retention period that began on `fromDay` ends: Today lists the record from that day on.
 * Months are calendar months; a period from 31 January ends on the last day of a shorter month.
 */
export function retentionEndsOn(fromDay: string, period: RetentionPeriod): string {
  return format(addMonths(parseISO(fromDay), period.years * 12 + period.months), 'yyyy-MM-dd');
}

/** "2 years and 6 months", "1 year", "3 months"; `null` reads as the default, keeping until you erase. */
export function retentionPeriodLabel(period: RetentionPeriod | null): string {
  if (!period) return 'Keep until I erase';
  const parts = [
    period.years ? `${period.years} ${period.years === 1 ? 'year' : 'years'}` : '',
    period.months ? `${period.months} ${period.months === 1 ? 'month' : 'months'}` : '',
  ].filter(Boolean);
  return parts.join(' and ');
}
