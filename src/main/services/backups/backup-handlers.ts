import fs from 'node:fs';
import path from 'node:path';
import type { RestoreOutcome } from '../../../shared/backups/backup-contract';
import type { HandlersFor } from '../../handler-registry';
import type { BackupService } from './backup-service';
import { recoverySheet } from './recovery-sheet';
import { withUploadedFile } from './uploaded-file';

/** The backup's media type for downloads: an opaque, encrypted file. */
const BACKUP_MIME = 'application/octet-stream';

/**
 * `replaceDatabase` swaps the prepared file in and reopens the app on it (see backend.ts). `dataDir`
 * holds uploads from the browser host for as long as one check or restore takes.
 */
export function backupHandlers(
  backups: BackupService,
  replaceDatabase: (prepared: string) => Promise<{ preRestoreCopy: string }>,
  { dataDir, now }: { dataDir: string; now: () => Date },
): HandlersFor<'backups' | 'recovery'> {
  const restore = async (file: string, secret: Parameters<BackupService['prepareRestore']>[1]) => {
    const { prepared, preview } = await backups.prepareRestore(file, secret);
    const { preRestoreCopy } = await replaceDatabase(prepared);
    return { ...preview, preRestoreCopy } satisfies RestoreOutcome;
  };

  const withUpload = <T>(contentBase64: string, use: (file: string) => Promise<T>) =>
    withUploadedFile(dataDir, contentBase64, use);

  return {
    'backups:status': () => backups.status(),
    'backups:run-now': () => backups.runBackup(),
    'backups:run-now-download': async () => {
      const made = await backups.runBackup();
      return {
        made,
        file: {
          fileName: path.basename(made.file),
          mimeType: BACKUP_MIME,
          base64: fs.readFileSync(made.file, 'base64'),
        },
      };
    },
    'backups:set-folder': ({ folder }) => backups.setFolder(folder),
    'backups:choose-folder': () => backups.chooseFolder(),
    'backups:choose-file': () => backups.chooseBackupFile(),
    'backups:set-passphrase': ({ passphrase }) => backups.setPassphrase(passphrase),
    'backups:inspect': ({ file, secret }) => backups.inspect(file, secret),
    'backups:inspect-upload': ({ contentBase64, secret }) =>
      withUpload(contentBase64, (file) => backups.inspect(file, secret)),
    'backups:restore': ({ file, secret }) => restore(file, secret),
    'backups:restore-upload': ({ contentBase64, secret }) => withUpload(contentBase64, (file) => restore(file, secret)),
    'recovery:create-key': () => backups.createRecoveryKey(),
    'recovery:check-key': ({ words }) => backups.checkRecoveryKey(words),
    'recovery:confirm-key': ({ words }) => backups.confirmRecoveryKey(words),
    // The database is already open here: the words are only checked (the locked start answers it otherwise).
    'recovery:unlock': async ({ words }) => {
      await backups.checkRecoveryKey(words);
      return { unlocked: true as const };
    },
    'recovery:sheet': ({ words }) => recoverySheet(words, now()),
  };
}
