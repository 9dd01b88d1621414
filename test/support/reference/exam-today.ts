// Frozen reference copy (see README.md): do not change.
import type { Kysely } from 'kysely';
import { formatLongDate } from '../../../src/shared/dates';
import { POST_FAIL_CONVERSATION_DUE_DAYS, BOOKING_WARNING_DAYS } from '../../../src/shared/exams/exam-reference';
import { shiftDate } from '../../../src/shared/dates';
import { urgencyFor, windowEnd, type TodayItem } from '../../../src/shared/today/today-types';
import type { DB } from '../../../src/main/store/schema';
import { monitorRows } from './exam-monitor';

/**
 * Today rows from the re-sit monitor: a post-fail conversation falling due (4 weeks after a
 * fail) or overdue, and a booking deadline within 2 weeks with no readiness discussion.
 */
export async function examWarningsDue(db: Kysely<DB>, today: string): Promise<TodayItem[]> {
  const items: TodayItem[] = [];
  const until = windowEnd(today);
  for (const row of await monitorRows(db, today)) {
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
          detail: `Failed ${formatLongDate(row.lastSittingDate)}${row.weakestArea ? `; weakest: ${row.weakestArea}` : ''}`,
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
      row.bookingDeadline <= shiftDate(today, BOOKING_WARNING_DAYS)
    ) {
      items.push({
        id: `readiness-${row.traineeId}-${row.attemptGroup}`,
        kind: 'exam_readiness',
        traineeId: row.traineeId,
        traineeName: row.traineeName,
        title: `Readiness-to-sit discussion before ${row.examCode} booking closes`,
        detail: `Sitting ${formatLongDate(row.nextSittingDate)}; book by ${formatLongDate(row.bookingDeadline)}`,
        dueDate: row.bookingDeadline,
        urgency: urgencyFor(row.bookingDeadline, today),
        link,
      });
    }
  }
  return items;
}
