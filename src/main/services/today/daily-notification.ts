import type { Kysely } from 'kysely';
import { formatLongDate, ukToday } from '../../../shared/dates';
import type { TodayItem } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';

export interface DailyNotification {
  title: string;
  body: string;
  /** Keys of the items announced, remembered so tomorrow says only what is new. */
  keys: string[];
}

export function todayItemKey(item: Pick<TodayItem, 'kind' | 'id' | 'dueDate'>): string {
  return `${item.kind}:${item.id}:${item.dueDate}`;
}

/**
 * Decides the once-a-day system notification: nothing if one was already shown today, and
 * otherwise only what has become due (due today or overdue) and was not announced before.
 * Names no trainee and quotes no note: a notification can appear on a shared screen.
 */
export function decideDailyNotification(
  items: TodayItem[],
  state: { lastNotifiedOn: string | null; announced: ReadonlySet<string> },
  today: string,
): DailyNotification | null {
  if (state.lastNotifiedOn === today) return null;
  const due = items.filter((i) => i.dueDate <= today && !state.announced.has(todayItemKey(i)));
  if (due.length === 0) return null;
  const overdue = due.filter((i) => i.dueDate < today).length;
  const dueToday = due.length - overdue;
  const parts = [dueToday ? `${dueToday} due today` : '', overdue ? `${overdue} now overdue` : ''].filter(Boolean);
  return {
    title: due.length === 1 ? '1 thing needs your attention' : `${due.length} things need your attention`,
    body: `${parts.join(', ')} · ${formatLongDate(today)}. Open Today in TPD Companion to act on them.`,
    keys: due.map(todayItemKey),
  };
}

/**
 * The notification state lives in the database, so a restart does not repeat the day's message.
 * `dueBy` gives every Today row due by a day (TodayService.dueBy: from Today's kept rows, not a
 * read of every source).
 */
export function createDailyNotificationService(
  db: Kysely<DB>,
  now: () => Date,
  dueBy: (today: string) => Promise<TodayItem[]>,
) {
  return {
    async next(): Promise<DailyNotification | null> {
      const today = ukToday(now());
      const last = await db
        .selectFrom('daily_notifications')
        .selectAll()
        .orderBy('notified_on', 'desc')
        .limit(5)
        .execute();
      // Already told today: nothing to read.
      if (last[0]?.notified_on === today) return null;
      const announced = new Set(last.flatMap((r) => JSON.parse(r.item_keys) as string[]));
      return decideDailyNotification(
        await dueBy(today),
        { lastNotifiedOn: last[0]?.notified_on ?? null, announced },
        today,
      );
    },
    async markShown(notification: DailyNotification): Promise<void> {
      const today = ukToday(now());
      const at = now().toISOString();
      await db
        .insertInto('daily_notifications')
        .values({ notified_on: today, item_keys: JSON.stringify(notification.keys), created_at: at })
        .onConflict((oc) =>
          oc.column('notified_on').doUpdateSet({ item_keys: JSON.stringify(notification.keys), created_at: at }),
        )
        .execute();
    },
  };
}
export type DailyNotificationService = ReturnType<typeof createDailyNotificationService>;
