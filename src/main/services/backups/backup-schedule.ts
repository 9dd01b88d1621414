import type { BackupService } from './backup-service';
import { logError } from '../../log-safe';

export interface BackupScheduleOptions {
  /** How often to look (default hourly): the day's backup is made at the first look of a UK day. */
  intervalMs?: number;
  /** Wait this long after start before the first look, so start-up stays quick. */
  firstCheckMs?: number;
}

/**
 * Automatic backups while the app runs: `runDailyBackupIfDue` at each look. A failure is recorded
 * in the backup state (Today shows it) and tried again at the next look. Returns a stop function.
 */
export function startDailyBackups(
  backups: Pick<BackupService, 'runDailyBackupIfDue'>,
  options: BackupScheduleOptions = {},
) {
  const look = () =>
    backups.runDailyBackupIfDue().catch((error: unknown) => logError('[backups] daily backup failed:', error));
  const first = setTimeout(look, options.firstCheckMs ?? 30_000);
  const timer = setInterval(look, options.intervalMs ?? 60 * 60 * 1000);
  first.unref?.();
  timer.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/** At quit: make the day's backup if none succeeded today, giving up after `timeoutMs` so quitting never hangs. */
export async function backupBeforeQuit(
  backups: Pick<BackupService, 'runDailyBackupIfDue'>,
  timeoutMs = 30_000,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    backups.runDailyBackupIfDue().catch((error: unknown) => logError('[backups] backup at quit failed:', error)),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
  ]);
  clearTimeout(timer);
}
