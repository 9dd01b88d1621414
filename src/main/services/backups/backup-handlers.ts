import type { RestoreOutcome } from '../../../shared/backups/backup-contract';
import type { HandlersFor } from '../../handler-registry';
import type { BackupService } from './backup-service';

/** `replaceDatabase` swaps the prepared file in and reopens the app on it (see backend.ts). */
export function backupHandlers(
  backups: BackupService,
  replaceDatabase: (prepared: string) => Promise<{ preRestoreCopy: string }>,
): HandlersFor<'backups' | 'recovery'> {
  return {
    'backups:status': () => backups.status(),
    'backups:run-now': () => backups.runBackup(),
    'backups:set-folder': ({ folder }) => backups.setFolder(folder),
    'backups:choose-folder': () => backups.chooseFolder(),
    'backups:choose-file': () => backups.chooseBackupFile(),
    'backups:set-passphrase': ({ passphrase }) => backups.setPassphrase(passphrase),
    'backups:inspect': ({ file, secret }) => backups.inspect(file, secret),
    'backups:restore': async ({ file, secret }): Promise<RestoreOutcome> => {
      const { prepared, preview } = await backups.prepareRestore(file, secret);
      const { preRestoreCopy } = await replaceDatabase(prepared);
      return { ...preview, preRestoreCopy };
    },
    'recovery:create-key': () => backups.createRecoveryKey(),
    'recovery:check-key': ({ words }) => backups.checkRecoveryKey(words),
  };
}
