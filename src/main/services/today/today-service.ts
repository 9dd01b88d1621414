import type { Kysely } from 'kysely';
import { ukToday } from '../../../shared/dates';
import type { TodayGroup, TodayItem, TodayUrgency, TodayView } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { createTodayCache } from './today-cache';
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
 * The start screen from every cached row, given oldest due first (by date alone): the same view
 * `groupTodayItems(collectTodayItems(...))` gives, in one pass that sorts only the rows it shows
 * (and those due the same day as the last of them).
 */
export function viewOf(
  byDate: readonly TodayItem[],
  today: string,
  limit = TODAY_GROUP_LIMIT,
  kind: string | null = null,
): TodayView {
  const groups = new Map<TodayUrgency, { total: number; items: TodayItem[]; through: string | null }>(
    URGENCIES.map((urgency) => [urgency, { total: 0, items: [], through: null }]),
  );
  // Each kind's count and earliest row: kinds are listed in the order a sorted list would meet them.
  const kinds = new Map<string, { total: number; first: TodayItem }>();
  for (const item of byDate) {
    const seen = kinds.get(item.kind);
    if (!seen) kinds.set(item.kind, { total: 1, first: item });
    else {
      seen.total++;
      // Rows come by date, so only a row due the same day can come before the earliest yet.
      if (item.dueDate === seen.first.dueDate && byDueDate(item, seen.first) < 0) seen.first = item;
    }
    if (kind && item.kind !== kind) continue;
    const group = groups.get(item.urgency)!;
    group.total++;
    // Keep rows until the limit, then those due the same day as the last kept (the tie-break may put them first).
    if (group.through === null || item.dueDate === group.through) {
      group.items.push(item);
      if (group.items.length === limit) group.through = item.dueDate;
    }
  }
  return {
    today,
    groups: URGENCIES.map((urgency) => {
      const { total, items } = groups.get(urgency)!;
      return { urgency, total, items: items.sort(byDueDate).slice(0, limit) };
    }),
    kinds: [...kinds].sort(([, a], [, b]) => byDueDate(a.first, b.first)).map(([kind, { total }]) => ({ kind, total })),
  };
}

export type TodayService = ReturnType<typeof createTodayService>;

export function createTodayService(db: Kysely<DB>, now: () => Date) {
  const cache = createTodayCache(db);
  return {
    async view(kind: string | null = null): Promise<TodayView> {
      const today = ukToday(now());
      await cache.refresh(today);
      return viewOf(cache.items(), today, TODAY_GROUP_LIMIT, kind);
    },
    /** One trainee's rows (the Overview's "what needs doing"), oldest due first. */
    async forTrainee(traineeId: string): Promise<TodayItem[]> {
      await cache.refresh(ukToday(now()));
      return [...cache.forTrainee(traineeId)].sort(byDueDate);
    },
  };
}
