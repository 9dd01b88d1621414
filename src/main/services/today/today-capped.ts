import { sql, type Kysely } from 'kysely';
import { DUE_SOON_DAYS, type TodayItem, type TodayUrgency } from '../../../shared/today/today-types';
import { shiftDate } from '../../../shared/dates';
import type { DB } from '../../store/schema';
import { longDates, type AnyTodaySqlSource } from './everyday-providers';

export interface CappedSource {
  kind: string;
  /** Every row the capped view could show: per urgency, those with fewer than `limit` rows of the source due strictly earlier. */
  items: TodayItem[];
  totals: Record<TodayUrgency, number>;
}

/**
 * One statement per source: its rows in the window, bucketed by urgency, counted per bucket and
 * ranked by due date within it (window functions), keeping only the rows ranked within `limit`.
 * A row the merged view shows has fewer than `limit` rows due before it across all sources, so
 * fewer within its own source: these rows always contain the view's rows, ties included.
 */
export async function cappedSource(
  db: Kysely<DB>,
  source: AnyTodaySqlSource,
  today: string,
  limit: number,
): Promise<CappedSource> {
  const soon = shiftDate(today, DUE_SOON_DAYS);
  const { rows } = await sql<{ due_on: string; today_urgency: TodayUrgency; today_total: number }>`
    select * from (
      select b.*,
        count(*) over (partition by b.today_urgency) as today_total,
        rank() over (partition by b.today_urgency order by b.due_on) as today_rank
      from (
        select q.*, case when q.due_on < ${today} then 'overdue' when q.due_on <= ${soon} then 'due_soon' else 'upcoming' end as today_urgency
        from (${source.query(db, today)}) as q
      ) as b
    ) as r
    where r.today_rank <= ${limit}`.execute(db);
  const totals: Record<TodayUrgency, number> = { overdue: 0, due_soon: 0, upcoming: 0 };
  const long = longDates();
  const items = rows.map((row) => {
    totals[row.today_urgency] = Number(row.today_total);
    return source.toItem(row, today, long);
  });
  return { kind: source.kind, items, totals };
}
