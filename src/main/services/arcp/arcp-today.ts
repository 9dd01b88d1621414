import type { Kysely } from 'kysely';
import { urgencyFor, type TodayItem } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { collectDeadlines } from './arcp-service';

// Kinds read well through the Today view's fallback label (underscores become spaces).
const KIND_BY_DEADLINE = {
  esr: 'arcp_full_esr',
  outcome5: 'arcp_outcome_5',
  outcome_missing: 'arcp_outcome',
  no_recent_arcp: 'arcp_overdue',
} as const;
const TITLE = {
  esr: 'Full ESR',
  outcome5: 'Outcome 5 evidence',
  outcome_missing: 'Record ARCP outcome',
  no_recent_arcp: 'No ARCP in 12 months',
} as const;

/**
 * ARCP deadlines for the Today view: ESR windows, outcome 5 windows, reviews overdue (for the
 * whole register, or only `traineeIds`). Timing warnings stay on the panel page.
 */
export async function arcpDeadlinesDue(
  db: Kysely<DB>,
  today: string,
  traineeIds?: readonly string[],
): Promise<TodayItem[]> {
  const deadlines = await collectDeadlines(db, today, 14, traineeIds);
  return deadlines
    .filter((d) => d.deadline.severity !== 'warning')
    .map((d) => ({
      id: `${d.recordId ?? d.traineeId}:${d.deadline.kind}`,
      kind: KIND_BY_DEADLINE[d.deadline.kind],
      traineeId: d.traineeId,
      traineeName: d.traineeName,
      title: TITLE[d.deadline.kind],
      detail: d.deadline.message,
      dueDate: d.deadline.date,
      urgency: d.deadline.severity === 'overdue' ? 'overdue' : urgencyFor(d.deadline.date, today),
      link: `/trainees/${d.traineeId}/arcp`,
    }));
}
