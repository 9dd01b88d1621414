import { ukToday } from '../../../shared/dates';
import { BACKUP_FILE_EXTENSION } from '../../../shared/backups/backup-contract';

export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 8;

const NAME_PATTERN = /^tpd-companion-backup-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-\d+)?\.tpdbackup$/;

/** `tpd-companion-backup-2025-03-01T09-00-00-000Z.tpdbackup`: sortable, no one's name, no local-time ambiguity. */
export function backupFileName(createdAt: Date, attempt = 0): string {
  const stamp = createdAt.toISOString().replace(/[:.]/g, '-');
  return `tpd-companion-backup-${stamp}${attempt > 0 ? `-${attempt}` : ''}${BACKUP_FILE_EXTENSION}`;
}

/** The instant a backup name records, or null for any other file (which rotation never touches). */
export function backupNameTime(name: string): Date | null {
  const match = NAME_PATTERN.exec(name);
  if (!match) return null;
  const [, day, h, m, s, ms] = match;
  const at = new Date(`${day}T${h}:${m}:${s}.${ms}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Monday of the UK week the day falls in, as its ISO date. */
function weekOf(ukDay: string): string {
  const date = new Date(`${ukDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/**
 * The newest backup of each of the last 7 days that have one, and of each of the last 8 weeks;
 * everything else made by the app in the folder may go. Names the app did not make are never listed.
 */
export function backupsToPrune(names: readonly string[]): string[] {
  const dated = names
    .map((name) => ({ name, at: backupNameTime(name) }))
    .filter((b): b is { name: string; at: Date } => b.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const backup of dated) {
    const day = ukToday(backup.at);
    if (!days.has(day) && days.size < KEEP_DAILY) {
      days.add(day);
      keep.add(backup.name);
    }
    const week = weekOf(day);
    if (!weeks.has(week) && weeks.size < KEEP_WEEKLY) {
      weeks.add(week);
      keep.add(backup.name);
    }
  }
  return dated.filter((b) => !keep.has(b.name)).map((b) => b.name);
}
