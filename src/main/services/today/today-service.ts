import type { Kysely } from 'kysely';
import { shiftDate, ukToday } from '../../../shared/dates';
import {
  DUE_SOON_DAYS,
  type TodayGroup,
  type TodayItem,
  type TodayUrgency,
  type TodayView,
} from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { dateIndex, openTodayCache, type KindRows, type TodaySources } from './today-cache';
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

/** One kind's rows of one urgency: `rows[from, to)`, by date. */
function rowsOf(
  { rows, urgencyFollowsDate }: KindRows,
  urgency: TodayUrgency,
  today: string,
): { rows: readonly TodayItem[]; from: number; to: number } {
  if (!urgencyFollowsDate) {
    const mine = rows.filter((row) => row.urgency === urgency);
    return { rows: mine, from: 0, to: mine.length };
  }
  const soonFrom = dateIndex(rows, today);
  if (urgency === 'overdue') return { rows, from: 0, to: soonFrom };
  const upcomingFrom = dateIndex(rows, shiftDate(today, DUE_SOON_DAYS), true);
  return urgency === 'due_soon'
    ? { rows, from: soonFrom, to: upcomingFrom }
    : { rows, from: upcomingFrom, to: rows.length };
}

/** The first `limit` of `rows[from, to)` by date, and any due the same day as the last of them (the tie-break may put them first). */
function firstByDate(rows: readonly TodayItem[], from: number, to: number, limit: number): TodayItem[] {
  if (to - from <= limit) return rows.slice(from, to);
  return rows.slice(from, dateIndex(rows, rows[from + limit - 1]!.dueDate, true, from, to));
}

const byDate = (a: TodayItem, b: TodayItem) => byCode(a.dueDate, b.dueDate);

/**
 * The start screen from the cached rows of each kind: the same view
 * `groupTodayItems(collectTodayItems(...))` gives. Each urgency is a run of dates in each kind, so
 * counts are binary searches and only the rows shown (and those due the same day as the last
 * shown) are sorted: the cost follows the rows shown, not the rows due.
 */
export function viewOf(
  byKind: ReadonlyMap<string, KindRows>,
  today: string,
  limit = TODAY_GROUP_LIMIT,
  kind: string | null = null,
): TodayView {
  const shown = [...byKind].filter(([k]) => !kind || k === kind).map(([, rows]) => rows);
  const groups = URGENCIES.map((urgency) => {
    let total = 0;
    let candidates: TodayItem[] = [];
    for (const kindRows of shown) {
      const { rows, from, to } = rowsOf(kindRows, urgency, today);
      total += to - from;
      candidates = candidates.concat(firstByDate(rows, from, to, limit));
    }
    candidates.sort(byDate);
    const items = firstByDate(candidates, 0, candidates.length, limit).sort(byDueDate).slice(0, limit);
    return { urgency, total, items };
  });
  // Kinds in the order of their earliest row, as a list of every row would meet them.
  const kinds = [...byKind].map(([kind, { rows }]) => {
    let first = rows[0]!;
    for (let i = 1; i < rows.length && rows[i]!.dueDate === first.dueDate; i++)
      if (byDueDate(rows[i]!, first) < 0) first = rows[i]!;
    return { kind, total: rows.length, first };
  });
  return {
    today,
    groups,
    kinds: kinds.sort((a, b) => byDueDate(a.first, b.first)).map(({ kind, total }) => ({ kind, total })),
  };
}

export type TodayService = Awaited<ReturnType<typeof openTodayService>>;

/** Opened with the store, before any write: see openTodayCache. */
export async function openTodayService(db: Kysely<DB>, now: () => Date, version: string, sources?: TodaySources) {
  const cache = await openTodayCache(db, version, sources);
  return {
    async view(kind: string | null = null): Promise<TodayView> {
      const today = ukToday(now());
      await cache.refresh(today);
      return viewOf(cache.byKind(), today, TODAY_GROUP_LIMIT, kind);
    },
    /** One trainee's rows (the Overview's "what needs doing"), oldest due first. */
    async forTrainee(traineeId: string): Promise<TodayItem[]> {
      await cache.refresh(ukToday(now()));
      return [...cache.forTrainee(traineeId)].sort(byDueDate);
    },
    /** Resolves once the rows are saved in the file. */
    settled: () => cache.settled(),
  };
}
