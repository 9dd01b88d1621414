import { sql, type Kysely } from 'kysely';
import { ukToday } from '../../../shared/dates';
import type { TodayGroup, TodayItem, TodayUrgency, TodayView } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { cappedSource } from './today-capped';
import { longDates } from './everyday-providers';
import { TODAY_CODE_PROVIDERS, TODAY_PROVIDERS, TODAY_SQL_SOURCES, type TodayProvider } from './today-providers';

/** Rows per urgency group sent to the start screen; the counts stay exact. */
export const TODAY_GROUP_LIMIT = 200;
const URGENCIES: TodayUrgency[] = ['overdue', 'due_soon', 'upcoming'];

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// The same order as String#localeCompare (default locale and options), without building the
// comparison afresh for each of the thousands of calls a sort makes.
const byText = new Intl.Collator().compare;

/** Oldest due first, then by trainee and title; kind and id settle the rest, so the order never depends on a query plan. */
export function byDueDate(a: TodayItem, b: TodayItem): number {
  return (
    byCode(a.dueDate, b.dueDate) ||
    byText(a.traineeName, b.traineeName) ||
    byText(a.title, b.title) ||
    byCode(a.kind, b.kind) ||
    byCode(a.id, b.id)
  );
}

/** Runs every provider and returns all rows, oldest due first (the daily notification needs them all). */
export async function collectTodayItems(
  db: Kysely<DB>,
  today: string,
  providers: TodayProvider[] = TODAY_PROVIDERS,
): Promise<TodayItem[]> {
  const lists = await Promise.all(providers.map((provider) => provider(db, today)));
  return lists.flat().sort(byDueDate);
}

export function groupTodayItems(
  items: TodayItem[],
  today: string,
  limit = TODAY_GROUP_LIMIT,
  kind: string | null = null,
): TodayView {
  const shown = kind ? items.filter((i) => i.kind === kind) : items;
  const groups: TodayGroup[] = URGENCIES.map((urgency) => {
    const all = shown.filter((i) => i.urgency === urgency);
    return { urgency, total: all.length, items: all.slice(0, limit) };
  });
  const kinds = new Map<string, number>();
  for (const item of items) kinds.set(item.kind, (kinds.get(item.kind) ?? 0) + 1);
  return { today, groups, kinds: [...kinds].map(([kind, total]) => ({ kind, total })) };
}

/**
 * The start screen without reading everything: SQL counts and caps the everyday sources
 * (today-capped.ts), the code-ruled sources return their few rows whole, and the rows are merged
 * here. The same view `groupTodayItems(collectTodayItems(...))` would give, at a fraction of the reads.
 */
export async function todayView(
  db: Kysely<DB>,
  today: string,
  limit = TODAY_GROUP_LIMIT,
  kind: string | null = null,
): Promise<TodayView> {
  const [capped, coded] = await Promise.all([
    Promise.all(TODAY_SQL_SOURCES.map((source) => cappedSource(db, source, today, limit))),
    Promise.all(TODAY_CODE_PROVIDERS.map((provider) => provider(db, today))),
  ]);
  const codedItems = coded.flat();
  const candidates = [...capped.flatMap((c) => c.items), ...codedItems].sort(byDueDate);

  const totals = new Map<string, Record<TodayUrgency, number>>();
  for (const c of capped) totals.set(c.kind, { ...c.totals });
  for (const item of codedItems) {
    const t = totals.get(item.kind) ?? { overdue: 0, due_soon: 0, upcoming: 0 };
    t[item.urgency]++;
    totals.set(item.kind, t);
  }

  const shown = kind ? candidates.filter((i) => i.kind === kind) : candidates;
  const groups: TodayGroup[] = URGENCIES.map((urgency) => {
    let total = 0;
    for (const [k, t] of totals) if (!kind || k === kind) total += t[urgency];
    return { urgency, total, items: shown.filter((i) => i.urgency === urgency).slice(0, limit) };
  });
  // Kinds in the order of their earliest row, as a list of every row would meet them.
  const kinds: TodayView['kinds'] = [];
  const seen = new Set<string>();
  for (const item of candidates) {
    if (seen.has(item.kind)) continue;
    seen.add(item.kind);
    const t = totals.get(item.kind)!;
    kinds.push({ kind: item.kind, total: t.overdue + t.due_soon + t.upcoming });
  }
  return { today, groups, kinds };
}

/**
 * One trainee's rows from the same providers as Today (the Overview's "what needs doing"): each
 * SQL source's own query, narrowed to the trainee, and the code-ruled sources' few rows.
 */
export async function todayItemsForTrainee(db: Kysely<DB>, today: string, traineeId: string): Promise<TodayItem[]> {
  const long = longDates();
  const [fromSql, coded] = await Promise.all([
    Promise.all(
      TODAY_SQL_SOURCES.map(async (source) => {
        const rows = await db
          .selectFrom(source.query(db, today).as('s'))
          .selectAll()
          .where(sql.ref('s.trainee_id'), '=', traineeId)
          .execute();
        return rows.map((row) => source.toItem(row, today, long));
      }),
    ),
    Promise.all(TODAY_CODE_PROVIDERS.map((provider) => provider(db, today))),
  ]);
  return [...fromSql.flat(), ...coded.flat().filter((item) => item.traineeId === traineeId)].sort(byDueDate);
}

export type TodayService = ReturnType<typeof createTodayService>;

export function createTodayService(db: Kysely<DB>, now: () => Date) {
  return {
    view: (kind: string | null = null): Promise<TodayView> => todayView(db, ukToday(now()), TODAY_GROUP_LIMIT, kind),
    forTrainee: (traineeId: string): Promise<TodayItem[]> => todayItemsForTrainee(db, ukToday(now()), traineeId),
  };
}
