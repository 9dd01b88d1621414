import { Link } from 'wouter';
import { BACKUP_WARNING_DAYS } from '../../../../shared/backups/backup-contract';
import { formatUkDateTime } from '../../../../shared/dates';
import { useBackupStatus } from './queries';

/** Today's warning when no backup has succeeded for BACKUP_WARNING_DAYS days (or ever). */
export function BackupOverdueBanner() {
  const status = useBackupStatus();
  if (!status.data?.overdue) return null;
  const last = status.data.lastSuccessAt;
  return (
    <div className="alert alert-warning backup-banner">
      <strong>
        {last
          ? `No backup has succeeded for ${BACKUP_WARNING_DAYS} days (the last was ${formatUkDateTime(last)}).`
          : `No backup has been made for ${BACKUP_WARNING_DAYS} days.`}
      </strong>{' '}
      <Link href="/settings" className="table-link">
        Back up in Settings
      </Link>
    </div>
  );
}
