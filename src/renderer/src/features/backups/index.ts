export { BackupOverdueBanner } from './BackupOverdueBanner';
export { BackupSettings } from './BackupSettings';
export { FirstStartPage } from './FirstStartPage';
export { backupKeys, useBackupStatus } from './queries';
export { UnlockPage } from './UnlockPage';
