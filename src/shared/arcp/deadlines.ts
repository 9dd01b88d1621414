import { addDays, addMonths, format, parseISO, subMonths } from 'date-fns';
import { formatLongDate, daysBetween } from '../dates';
import {
  ARCP_INTERVAL_MONTHS,
  ESR_EARLIEST_MONTHS_BEFORE,
  ESR_VISIBLE_DAYS_BEFORE,
  OUTCOME_FIVE,
  OUTCOME_FIVE_DAYS,
} from './arcp-reference';

export type DeadlineSeverity = 'overdue' | 'due' | 'upcoming' | 'warning';

export interface ArcpDeadline {
  kind: 'esr' | 'outcome5' | 'outcome_missing' | 'no_recent_arcp';
  severity: DeadlineSeverity;
  /** The date that matters (yyyy-MM-dd). */
  date: string;
  message: string;
}

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/** The full ESR's window: written no earlier than 2 months before the panel, visible 2 weeks before. */
export function esrWindow(panelDate: string): { opens: string; visibleBy: string } {
  const panel = parseISO(panelDate);
  return {
    opens: iso(subMonths(panel, ESR_EARLIEST_MONTHS_BEFORE)),
    visibleBy: iso(addDays(panel, -ESR_VISIBLE_DAYS_BEFORE)),
  };
}

export function outcomeFiveDue(panelDate: string, evidenceDueDate: string | null): string {
  return evidenceDueDate ?? iso(addDays(parseISO(panelDate), OUTCOME_FIVE_DAYS));
}

export interface DeadlineRecord {
  panelDate: string;
  esrFullDate: string | null;
  outcome: string | null;
  evidenceDueDate: string | null;
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/**
 * Deadlines for one ARCP record as of `today`. `horizonDays` limits "upcoming" items to those
 * starting soon (the Today view), while the panel page passes a long horizon to see everything.
 */
export function arcpDeadlines(record: DeadlineRecord, today: string, horizonDays = 14): ArcpDeadline[] {
  const out: ArcpDeadline[] = [];
  const { opens, visibleBy } = esrWindow(record.panelDate);
  if (record.outcome === null) {
    if (record.esrFullDate === null) {
      if (today > record.panelDate) {
        out.push({
          kind: 'outcome_missing',
          severity: 'due',
          date: record.panelDate,
          message: `Panel on ${formatLongDate(record.panelDate)} has passed: record the outcome`,
        });
      } else if (today > visibleBy) {
        out.push({
          kind: 'esr',
          severity: 'overdue',
          date: visibleBy,
          message: `Full ESR overdue: it should have been visible by ${formatLongDate(visibleBy)}`,
        });
      } else if (today >= opens) {
        out.push({
          kind: 'esr',
          severity: 'due',
          date: visibleBy,
          message: `Full ESR due by ${formatLongDate(visibleBy)} (${days(daysBetween(today, visibleBy))} left)`,
        });
      } else if (daysBetween(today, opens) <= horizonDays) {
        out.push({
          kind: 'esr',
          severity: 'upcoming',
          date: opens,
          message: `Full ESR window opens ${formatLongDate(opens)}; visible by ${formatLongDate(visibleBy)}`,
        });
      }
    } else if (record.esrFullDate < opens) {
      out.push({
        kind: 'esr',
        severity: 'warning',
        date: record.esrFullDate,
        message: `Full ESR dated ${formatLongDate(record.esrFullDate)}: more than ${ESR_EARLIEST_MONTHS_BEFORE} months before the panel`,
      });
    } else if (record.esrFullDate > visibleBy) {
      out.push({
        kind: 'esr',
        severity: 'warning',
        date: record.esrFullDate,
        message: `Full ESR dated ${formatLongDate(record.esrFullDate)}: less than 2 weeks before the panel`,
      });
    }
    if (today > record.panelDate && record.esrFullDate !== null) {
      out.push({
        kind: 'outcome_missing',
        severity: 'due',
        date: record.panelDate,
        message: `Panel on ${formatLongDate(record.panelDate)} has passed: record the outcome`,
      });
    }
  } else if (record.outcome === OUTCOME_FIVE) {
    const due = outcomeFiveDue(record.panelDate, record.evidenceDueDate);
    out.push(
      today > due
        ? {
            kind: 'outcome5',
            severity: 'overdue',
            date: due,
            message: `Outcome 5: missing evidence was due ${formatLongDate(due)}; arrange the follow-up review`,
          }
        : {
            kind: 'outcome5',
            severity: 'due',
            date: due,
            message: `Outcome 5: missing evidence due by ${formatLongDate(due)} (${days(daysBetween(today, due))} left)`,
          },
    );
  }
  return out;
}

/**
 * "No ARCP in the last 12 months": the last panel that gave an outcome is more than 12 months
 * ago (or there is none and the trainee started more than 12 months ago), and none is planned.
 */
export function reviewOverdue(
  input: { lastOutcomePanelDate: string | null; programmeStartDate: string; hasPlannedPanel: boolean },
  today: string,
): ArcpDeadline | null {
  if (input.hasPlannedPanel) return null;
  const since = input.lastOutcomePanelDate ?? input.programmeStartDate;
  const due = iso(addMonths(parseISO(since), ARCP_INTERVAL_MONTHS));
  if (today <= due) return null;
  const message = input.lastOutcomePanelDate
    ? `No ARCP in the last 12 months (last panel ${formatLongDate(input.lastOutcomePanelDate)})`
    : `No ARCP recorded since starting on ${formatLongDate(input.programmeStartDate)}`;
  return { kind: 'no_recent_arcp', severity: 'overdue', date: due, message };
}
