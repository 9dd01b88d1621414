import type { Kysely } from 'kysely';
import { ukToday } from '../../../shared/dates';
import { type TodayGroup, type TodayItem, type TodayUrgency, type TodayView } from '../../../shared/today/today-types';
import type { ReadRows } from '../../store/open-store';
import type { DB } from '../../store/schema';
import { openTodayCache } from './today-cache';
import { countRows, earliestOfEachKind, firstRows, rowsDueBy, rowsOfTrainee } from './today-rows';
import { TODAY_PROVIDERS, type TodayProvider } from './today-providers';

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
 * The start screen from today_rows: the same view `groupTodayItems(collectTodayItems(...))` gives.
 * SQL counts the rows and finds each group's first `limit` by date (and any due the same day as the
 * last of them); only those are parsed and put in order here, so the cost follows the rows shown.
 */
export async function viewOfRows(
  readRows: ReadRows,
  today: string,
  limit = TODAY_GROUP_LIMIT,
  kind: string | null = null,
): Promise<TodayView> {
  const counts = await countRows(readRows, today);
  const groups: TodayGroup[] = [];
  for (const urgency of URGENCIES) {
    const total = counts.reduce((sum, [k, u, n]) => (u === urgency && (!kind || k === kind) ? sum + n : sum), 0);
    const items = total === 0 ? [] : (await firstRows(readRows, today, urgency, limit, kind)).sort(byDueDate);
    groups.push({ urgency, total, items: items.slice(0, limit) });
  }
  // Kinds in the order of their earliest row, as a list of every row would meet them.
  const first = new Map<string, TodayItem>();
  for (const item of await earliestOfEachKind(readRows, today)) {
    const seen = first.get(item.kind);
    if (!seen || byDueDate(item, seen) < 0) first.set(item.kind, item);
  }
  const totals = new Map<string, number>();
  for (const [k, , n] of counts) totals.set(k, (totals.get(k) ?? 0) + n);
  const kinds = [...first].sort(([, a], [, b]) => byDueDate(a, b)).map(([k]) => ({ kind: k, total: totals.get(k)! }));
  return { today, groups, kinds };
}

export type TodayService = Awaited<ReturnType<typeof openTodayService>>;

/** Opened with the store, before any write: see openTodayCache. */
export async function openTodayService(
  db: Kysely<DB>,
  readRows: ReadRows,
  now: () => Date,
  version: string,
  options: { stageAfterMs?: number | null } = {},
) {
  const cache = await openTodayCache(db, version, options);
  // A store at an older schema (only migration tests open one) keeps no rows: every look reads all.
  const readAll = (today: string) => collectTodayItems(db, today);
  return {
    async view(kind: string | null = null): Promise<TodayView> {
      const today = ukToday(now());
      if (!cache.kept) return groupTodayItems(await readAll(today), today, TODAY_GROUP_LIMIT, kind);
      await cache.refresh(today);
      return viewOfRows(readRows, today, TODAY_GROUP_LIMIT, kind);
    },
    /** One trainee's rows (the Overview's "what needs doing"), oldest due first. */
    async forTrainee(traineeId: string): Promise<TodayItem[]> {
      const today = ukToday(now());
      if (!cache.kept) return (await readAll(today)).filter((i) => i.traineeId === traineeId);
      await cache.refresh(today);
      return (await rowsOfTrainee(readRows, today, traineeId)).sort(byDueDate);
    },
    /** Every row due by `today` (overdue or due that day), oldest first: the daily notification's. */
    async dueBy(today: string): Promise<TodayItem[]> {
      if (!cache.kept) return (await readAll(today)).filter((i) => i.dueDate <= today);
      await cache.refresh(today);
      return (await rowsDueBy(readRows, today)).sort(byDueDate);
    },
    /** Reads the next few days' rows ahead now (tests and benchmarks; the app waits for an idle moment). */
    stage: (today: string) => cache.stage(today),
    /** Stops reading ahead; resolves once the work under way is done. */
    stop: () => cache.stop(),
  };
}
