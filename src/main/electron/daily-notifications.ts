import { Notification } from 'electron';
import type { DailyNotification } from '../services/today/daily-notification';
import { logError } from '../log-safe';

export interface DailyNotificationSource {
  next(): Promise<DailyNotification | null>;
  markShown(notification: DailyNotification): Promise<void>;
}

export interface DailyNotificationOptions {
  source: DailyNotificationSource;
  /** Clicking the notification opens Today in the app's window. */
  onClick(): void;
  /** How often to look (default hourly): the day's message goes out at the first look after midnight. */
  intervalMs?: number;
  /** Wait this long after start before the first look, so start-up stays quick. */
  firstCheckMs?: number;
}

/**
 * Shows the once-a-day system notification for what has become due. What to say is decided in
 * the Today service (tested without Electron); this only shows it and remembers that it did.
 * Returns a function that stops the schedule.
 */
export function startDailyNotifications(options: DailyNotificationOptions): () => void {
  let running = false;
  const check = async (): Promise<void> => {
    if (running || !Notification.isSupported()) return;
    running = true;
    try {
      const due = await options.source.next();
      if (!due) return;
      const notification = new Notification({ title: due.title, body: due.body });
      notification.on('click', () => options.onClick());
      notification.show();
      await options.source.markShown(due);
    } catch (error) {
      // A failed reminder must never take the app down; it is tried again at the next look.
      logError('[daily-notification] failed:', error);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void check(), options.firstCheckMs ?? 15_000);
  const timer = setInterval(() => void check(), options.intervalMs ?? 60 * 60_000);
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
