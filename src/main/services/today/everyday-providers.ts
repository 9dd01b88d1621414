import { sql, type AliasableExpression, type Kysely } from 'kysely';
import { formatLongDate } from '../../../shared/dates';
import { ACTION_OWNERS, DEFAULT_CADENCE_WEEKS } from '../../../shared/meetings/meeting-types';
import { labelOf } from '../../../shared/labelled-enum';
import { OPEN_GOAL_STATUSES } from '../../../shared/plp/plp-types';
import { OPEN_SUPPORT_STATUSES, SUPPORT_STATUSES } from '../../../shared/support/support-types';
import { urgencyFor, windowEnd, type TodayItem } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { forTrainees } from '../../store/in-chunks';
import { FIRST_MEETING_WITHIN_DAYS, STATUSES_SEEN_AT_1_1S } from '../meetings/meetings-read';

/** Thousands of rows share a few hundred dates: format each date once per call. */
export function longDates(): (iso: string) => string {
  const cache = new Map<string, string>();
  return (iso) => {
    let text = cache.get(iso);
    if (text === undefined) {
      text = formatLongDate(iso);
      cache.set(iso, text);
    }
    return text;
  };
}

/** "Amara Okafor": preferred name first, as the register shows it. */
export const traineeNameSql = sql<string>`coalesce(nullif(t.preferred_name, ''), t.given_name) || ' ' || t.family_name`;

/**
 * A Today source whose rows SQL can find by themselves: a query for every row due up to the end
 * of the window (with its date as `due_on`), and how a row reads on Today. The Today cache
 * (today-cache.ts) reads it whole once a day and then only for the trainees a write touched.
 */
export interface TodaySqlSource<R extends { due_on: string }> {
  kind: string;
  /**
   * Every row due up to the end of the window that opens on `horizon` (today, or a later day when
   * the Today cache reads ahead so its rows last a few days), or only the listed trainees' rows (a
   * slice of at most ID_CHUNK, store/in-chunks). Nothing else about a row depends on the day but
   * its urgency, which toItem gives for `today`.
   */
  query(
    db: Kysely<DB>,
    horizon: string,
    traineeIds?: readonly string[],
  ): AliasableExpression<R> & { execute(): Promise<R[]>; compile(): { sql: string } };
  toItem(row: R, today: string, long: (iso: string) => string): TodayItem;
}

/** Narrows a query to the listed trainees, when a list is given. */
function ofTrainees<Q extends { where: WhereIn<Q> }>(traineeIds: readonly string[] | undefined, column: string) {
  return (q: Q): Q => (traineeIds === undefined ? q : q.where(column, 'in', traineeIds));
}
type WhereIn<Q> = (ref: string, op: 'in', values: readonly string[]) => Q;

// Each source is type-checked where it is written; the list holds them by their common shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTodaySqlSource = TodaySqlSource<any>;

function defineSource<R extends { due_on: string }>(source: TodaySqlSource<R>): AnyTodaySqlSource {
  return source;
}

/** Agreed actions from 1:1s that are not done and fall due in the window. */
export const meetingActionSource = defineSource({
  kind: 'meeting_action',
  query: (db, horizon, traineeIds) =>
    db
      .selectFrom('meeting_actions as a')
      .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
      .innerJoin('trainees as t', 't.id', 'a.trainee_id')
      .select([
        'a.id',
        'a.description',
        'a.owner',
        'a.due_on',
        'a.meeting_id',
        'a.trainee_id',
        'm.held_on',
        traineeNameSql.as('trainee_name'),
      ])
      .where('m.deleted_at', 'is', null)
      .where('t.archived_at', 'is', null)
      .where('a.done_on', 'is', null)
      .where('a.due_on', '<=', windowEnd(horizon))
      .$call(ofTrainees(traineeIds, 'a.trainee_id')),
  toItem: (r, today, long) => ({
    id: r.id,
    kind: 'meeting_action',
    traineeId: r.trainee_id,
    traineeName: r.trainee_name,
    title: r.description,
    detail: `${labelOf(ACTION_OWNERS, r.owner)} · agreed at the 1:1 on ${long(r.held_on)}`,
    dueDate: r.due_on,
    urgency: urgencyFor(r.due_on, today),
    link: `/trainees/${r.trainee_id}/meetings/${r.meeting_id}`,
  }),
});

/** Each active trainee's next 1:1 date (and, `named`, what Today shows about it). */
function dueSchedules(db: Kysely<DB>, named: boolean, traineeIds?: readonly string[]) {
  // The latest 1:1 of each trainee and the next date agreed at it, in one grouped pass over the
  // covering index meetings_latest (no table rows read).
  const latest = db
    .selectFrom('meetings')
    .select(['trainee_id', sql<string>`max(held_on || '|' || coalesce(next_due_on, ''))`.as('latest')])
    .where('deleted_at', 'is', null)
    .groupBy('trainee_id')
    .$call(ofTrainees(traineeIds, 'trainee_id'));
  const schedules = db
    .selectFrom('trainees as t')
    .leftJoin('meeting_cadence as c', 'c.trainee_id', 't.id')
    .leftJoin(latest.as('l'), 'l.trainee_id', 't.id')
    .select('l.latest')
    .select([
      't.id as trainee_id',
      (named ? traineeNameSql : sql<string>`''`).as('trainee_name'),
      sql<number>`coalesce(c.weeks, ${DEFAULT_CADENCE_WEEKS})`.as('cadence_weeks'),
      sql<string>`case when t.programme_start_date > substr(t.created_at, 1, 10) then t.programme_start_date else substr(t.created_at, 1, 10) end`.as(
        'started_on',
      ),
    ])
    .where('t.archived_at', 'is', null)
    .where('t.status', 'in', STATUSES_SEEN_AT_1_1S)
    .$call(ofTrainees(traineeIds, 't.id'));
  // The latest 1:1's date and the next date agreed at it, split out of `latest`.
  const parts = db
    .selectFrom(schedules.as('p'))
    .select([
      'p.trainee_id',
      'p.trainee_name',
      'p.cadence_weeks',
      'p.started_on',
      sql<string | null>`substr(p.latest, 1, instr(p.latest, '|') - 1)`.as('last_held_on'),
      sql<string | null>`nullif(substr(p.latest, instr(p.latest, '|') + 1), '')`.as('agreed_next_on'),
    ]);
  return db.selectFrom(parts.as('s')).select([
    's.trainee_id',
    's.trainee_name',
    's.cadence_weeks',
    's.last_held_on',
    sql<number>`s.last_held_on is not null and s.agreed_next_on is not null and s.agreed_next_on > s.last_held_on`.as(
      'agreed',
    ),
    sql<string>`case
        when s.last_held_on is not null and s.agreed_next_on is not null and s.agreed_next_on > s.last_held_on then s.agreed_next_on
        when s.last_held_on is not null then date(s.last_held_on, '+' || (s.cadence_weeks * 7) || ' days')
        else date(s.started_on, '+' || ${FIRST_MEETING_WITHIN_DAYS} || ' days') end`.as('due_on'),
  ]);
}

/**
 * Trainees whose next 1:1 falls due: the date agreed at the last one if later than it, else the
 * last one plus their cadence, else a first meeting soon after they started (nextMeetingDue in
 * meeting-schedule.ts, the same rule, worked out here in SQL so that only due trainees are read).
 * SQLite's date() does the day arithmetic, as shiftDate does in UTC.
 */
export const meetingDueSource = defineSource({
  kind: 'meeting_due',
  query: (db, horizon, traineeIds) =>
    db
      .selectFrom(dueSchedules(db, true, traineeIds).as('d'))
      .select(['d.trainee_id', 'd.trainee_name', 'd.cadence_weeks', 'd.last_held_on', 'd.agreed', 'd.due_on'])
      .where('d.due_on', '<=', windowEnd(horizon)),
  toItem: (s, today, long) => ({
    id: s.trainee_id,
    kind: 'meeting_due',
    traineeId: s.trainee_id,
    traineeName: s.trainee_name,
    title: s.last_held_on ? 'Next 1:1 due' : 'First 1:1 due',
    detail: s.last_held_on
      ? `Last 1:1 on ${long(s.last_held_on)} · ${s.agreed ? 'date agreed then' : `every ${s.cadence_weeks} weeks`}`
      : 'No 1:1 recorded yet',
    dueDate: s.due_on,
    urgency: urgencyFor(s.due_on, today),
    link: `/trainees/${s.trainee_id}/meetings/new`,
  }),
});

/** Open PLP goals whose review (or target date, when no review is set) falls due. */
export const planReviewSource = defineSource({
  kind: 'plp_review',
  query: (db, horizon, traineeIds) => {
    const due = sql<string>`coalesce(g.next_review_on, g.target_on)`;
    return db
      .selectFrom('plp_goals as g')
      .innerJoin('trainees as t', 't.id', 'g.trainee_id')
      .select(['g.id', 'g.title', 'g.trainee_id', 'g.status', due.as('due_on'), traineeNameSql.as('trainee_name')])
      .where('g.deleted_at', 'is', null)
      .where('t.archived_at', 'is', null)
      .where('g.status', 'in', OPEN_GOAL_STATUSES)
      .where(due, '<=', windowEnd(horizon))
      .$call(ofTrainees(traineeIds, 'g.trainee_id'));
  },
  toItem: (r, today) => ({
    id: r.id,
    kind: 'plp_review',
    traineeId: r.trainee_id,
    traineeName: r.trainee_name,
    title: `Review PLP goal: ${r.title}`,
    detail: r.status === 'not_started' ? 'Not started yet' : 'In progress',
    dueDate: r.due_on,
    urgency: urgencyFor(r.due_on, today),
    link: `/trainees/${r.trainee_id}/plan/${r.id}`,
  }),
});

/** Support offered or accepted whose follow-up date has come: did the trainee take it up? */
export const supportFollowUpSource = defineSource({
  kind: 'support_follow_up',
  query: (db, horizon, traineeIds) =>
    db
      .selectFrom('support_items as s')
      .innerJoin('trainees as t', 't.id', 's.trainee_id')
      .select([
        's.id',
        's.label',
        's.status',
        's.offered_on',
        sql<string>`s.follow_up_on`.as('due_on'),
        's.trainee_id',
        traineeNameSql.as('trainee_name'),
      ])
      .where('s.deleted_at', 'is', null)
      .where('t.archived_at', 'is', null)
      .where('s.status', 'in', OPEN_SUPPORT_STATUSES)
      .where('s.follow_up_on', 'is not', null)
      .where('s.follow_up_on', '<=', windowEnd(horizon))
      .$call(ofTrainees(traineeIds, 's.trainee_id')),
  toItem: (r, today, long) => ({
    id: r.id,
    kind: 'support_follow_up',
    traineeId: r.trainee_id,
    traineeName: r.trainee_name,
    title: `Follow up: ${r.label}`,
    detail: `${SUPPORT_STATUSES.label(r.status)} · offered on ${long(r.offered_on)}`,
    dueDate: r.due_on,
    urgency: urgencyFor(r.due_on, today),
    link: `/trainees/${r.trainee_id}/support/${r.id}`,
  }),
});

/** Early-needs forms whose retention ends (the end of training): time to destroy them. */
export const earlyNeedsRetentionSource = defineSource({
  kind: 'needs_retention',
  query: (db, horizon, traineeIds) =>
    db
      .selectFrom('early_needs as n')
      .innerJoin('trainees as t', 't.id', 'n.trainee_id')
      .select(['n.trainee_id', sql<string>`n.retain_until`.as('due_on'), traineeNameSql.as('trainee_name')])
      .where('n.retain_until', '<=', windowEnd(horizon))
      .$call(ofTrainees(traineeIds, 'n.trainee_id')),
  toItem: (r, today) => ({
    id: r.trainee_id,
    kind: 'needs_retention',
    traineeId: r.trainee_id,
    traineeName: r.trainee_name,
    title: 'Destroy the early-needs form',
    detail: 'Kept only until the end of training (data protection)',
    dueDate: r.due_on,
    urgency: urgencyFor(r.due_on, today),
    link: `/trainees/${r.trainee_id}/needs`,
  }),
});

/** The sources above, in the order Today has always listed them. */
export const EVERYDAY_SQL_SOURCES: AnyTodaySqlSource[] = [
  meetingActionSource,
  meetingDueSource,
  planReviewSource,
  supportFollowUpSource,
  earlyNeedsRetentionSource,
];

/**
 * A source as a provider: every row due in the window, or only the listed trainees' rows; with a
 * later `horizon`, also the rows that come into the window by then.
 */
export function sourceProvider(source: AnyTodaySqlSource) {
  return async (
    db: Kysely<DB>,
    today: string,
    traineeIds?: readonly string[],
    horizon = today,
  ): Promise<TodayItem[]> => {
    const long = longDates();
    const rows = await forTrainees(traineeIds, (slice) => source.query(db, horizon, slice).execute());
    return rows.map((row) => source.toItem(row, today, long));
  };
}
