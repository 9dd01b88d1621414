import type { MonitorRow } from '../../src/shared/exams/exam-types';
import type { TodayItem } from '../../src/shared/today/today-types';

/**
 * The orders the equivalence tests compare in: the live code's order, which the frozen reference
 * copies (test/support/reference) left to SQLite's scan order for rows equal in every sort key.
 */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The reference's Today order (due date, name, title), then kind and id where it left order to SQLite. */
export function todayOrder(items: TodayItem[]): TodayItem[] {
  return [...items].sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) ||
      a.traineeName.localeCompare(b.traineeName) ||
      a.title.localeCompare(b.title) ||
      byCode(a.kind, b.kind) ||
      byCode(a.id, b.id),
  );
}

/** The re-sit monitor's order, then trainee and attempt group. */
export function monitorOrder(rows: MonitorRow[]): MonitorRow[] {
  return [...rows].sort(
    (a, b) =>
      b.warnings.length - a.warnings.length ||
      (b.daysSinceFail ?? -1) - (a.daysSinceFail ?? -1) ||
      a.traineeName.localeCompare(b.traineeName) ||
      byCode(a.traineeId, b.traineeId) ||
      byCode(a.attemptGroup, b.attemptGroup),
  );
}
