// Frozen reference copy (see README.md): do not change.
import type { Kysely } from 'kysely';
import { ukToday } from '../../../src/shared/dates';
import type { TodayGroup, TodayItem, TodayUrgency, TodayView } from '../../../src/shared/today/today-types';
import type { DB } from '../../../src/main/store/schema';
import { TODAY_PROVIDERS, type TodayProvider } from './today-providers';

/** Rows per urgency group sent to the start screen; the counts stay exact. */
export const TODAY_GROUP_LIMIT = 200;
const URGENCIES: TodayUrgency[] = ['overdue', 'due_soon', 'upcoming'];

function byDueDate(a: TodayItem, b: TodayItem): number {
  return (
    a.dueDate.localeCompare(b.dueDate) || a.traineeName.localeCompare(b.traineeName) || a.title.localeCompare(b.title)
  );
}

/** Runs every provider and returns all rows, oldest due first. */
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

export type TodayService = ReturnType<typeof createTodayService>;

export function createTodayService(db: Kysely<DB>, now: () => Date) {
  return {
    async view(kind: string | null = null): Promise<TodayView> {
      const today = ukToday(now());
      return groupTodayItems(await collectTodayItems(db, today), today, TODAY_GROUP_LIMIT, kind);
    },
  };
}
