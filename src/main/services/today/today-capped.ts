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

const KEYS_PER_READ = 500;

/**
 * Two statements per source. The first counts the source's rows in the window per urgency and
 * ranks them by due date (window functions) over keys and dates only, mostly from covering
 * indexes, keeping the rows ranked within `limit`. A row the merged view shows has fewer than
 * `limit` rows due before it across all sources, so fewer within its own source: the kept rows
 * always contain the view's rows, ties included. The second reads just those rows in full.
 */
export async function cappedSource(
  db: Kysely<DB>,
  source: AnyTodaySqlSource,
  today: string,
  limit: number,
): Promise<CappedSource> {
  const soon = shiftDate(today, DUE_SOON_DAYS);
  const { rows: ranked } = await sql<{ key: string; today_urgency: TodayUrgency; today_total: number }>`
    select r.key, r.today_urgency, r.today_total from (
      select b.key, b.today_urgency,
        count(*) over (partition by b.today_urgency) as today_total,
        rank() over (partition by b.today_urgency order by b.due_on) as today_rank
      from (
        select q.key, q.due_on,
          case when q.due_on < ${today} then 'overdue' when q.due_on <= ${soon} then 'due_soon' else 'upcoming' end as today_urgency
        from (${source.narrow(db, today)}) as q
      ) as b
    ) as r
    where r.today_rank <= ${limit}`.execute(db);
  const totals: Record<TodayUrgency, number> = { overdue: 0, due_soon: 0, upcoming: 0 };
  for (const row of ranked) totals[row.today_urgency] = Number(row.today_total);
  const keys = ranked.map((r) => r.key);
  const long = longDates();
  const items: TodayItem[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_READ)
    for (const row of await source.query(db, today, keys.slice(i, i + KEYS_PER_READ)).execute())
      items.push(source.toItem(row, today, long));
  return { kind: source.kind, items, totals };
}
