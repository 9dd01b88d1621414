import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { BACKUP_FILE_EXTENSION } from '../../shared/backups/backup-contract';
import type { BackupDialogs } from '../services/backups/backup-service';

/** Native dialogs for the backup folder and for a backup to restore; the services only see the chosen path. */
export function nativeBackupDialogs(getWindow: () => BrowserWindow | null): BackupDialogs {
  const show = async (options: OpenDialogOptions) => {
    const window = getWindow();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  return {
    chooseFolder: () =>
      show({
        title: 'Choose a folder for automatic backups',
        buttonLabel: 'Back up here',
        properties: ['openDirectory', 'createDirectory'],
      }),
    chooseBackupFile: () =>
      show({
        title: 'Choose a backup to restore',
        buttonLabel: 'Choose backup',
        properties: ['openFile'],
        filters: [{ name: 'TPD Companion backups', extensions: [BACKUP_FILE_EXTENSION.slice(1)] }],
      }),
  };
}
