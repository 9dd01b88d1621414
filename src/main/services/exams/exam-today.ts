import type { Kysely } from 'kysely';
import { formatLongDate } from '../../../shared/dates';
import { POST_FAIL_CONVERSATION_DUE_DAYS, BOOKING_WARNING_DAYS } from '../../../shared/exams/exam-reference';
import { shiftDate } from '../../../shared/dates';
import { urgencyFor, windowEnd, type TodayItem } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { monitorRows } from './exam-monitor';

// Formatting a date (date-fns parse, check, format) costs more than the rest of a row; the rows
// of every call share a few thousand dates at most, so each is formatted once and kept.
const longDates = new Map<string, string>();
function longDate(iso: string | null): string {
  if (iso === null) return '';
  let text = longDates.get(iso);
  if (text === undefined) {
    if (longDates.size >= 20_000) longDates.clear();
    longDates.set(iso, (text = formatLongDate(iso)));
  }
  return text;
}

/**
 * Today rows from the re-sit monitor: a post-fail conversation falling due (4 weeks after a
 * fail) or overdue, and a booking deadline within 2 weeks with no readiness discussion; for the
 * whole register or only for `traineeIds`.
 */
export async function examWarningsDue(
  db: Kysely<DB>,
  today: string,
  traineeIds?: readonly string[],
): Promise<TodayItem[]> {
  const items: TodayItem[] = [];
  const until = windowEnd(today);
  const bookingHorizon = shiftDate(today, BOOKING_WARNING_DAYS);
  for (const row of await monitorRows(db, today, traineeIds)) {
    const link = `/trainees/${row.traineeId}/exams`;
    if (row.lastResult === 'fail' && !row.postFailDone && row.daysSinceFail !== null) {
      const due = shiftDate(today, POST_FAIL_CONVERSATION_DUE_DAYS - row.daysSinceFail);
      if (due <= until) {
        items.push({
          id: `post-fail-${row.traineeId}-${row.attemptGroup}`,
          kind: 'exam_post_fail',
          traineeId: row.traineeId,
          traineeName: row.traineeName,
          title: `Post-fail conversation for ${row.examCode}`,
          detail: `Failed ${longDate(row.lastSittingDate)}${row.weakestArea ? `; weakest: ${row.weakestArea}` : ''}`,
          dueDate: due,
          urgency: urgencyFor(due, today),
          link,
        });
      }
    }
    if (
      row.bookingDeadline &&
      !row.readinessDone &&
      row.bookingDeadline >= today &&
      row.bookingDeadline <= bookingHorizon
    ) {
      items.push({
        id: `readiness-${row.traineeId}-${row.attemptGroup}`,
        kind: 'exam_readiness',
        traineeId: row.traineeId,
        traineeName: row.traineeName,
        title: `Readiness-to-sit discussion before ${row.examCode} booking closes`,
        detail: `Sitting ${longDate(row.nextSittingDate)}; book by ${longDate(row.bookingDeadline)}`,
        dueDate: row.bookingDeadline,
        urgency: urgencyFor(row.bookingDeadline, today),
        link,
      });
    }
  }
  return items;
}
