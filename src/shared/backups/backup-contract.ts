import { z } from 'zod';
import { channel } from '../contract/define';
import { empty, importContentSchema } from '../schema-helpers';
import type { ExportedFile } from '../exports';
import { DATA_FEATURES } from '../contract/data-features';

/**
 * Recovery key, backups and restore. Errors a user can act on come back as AppErrors with the
 * field they concern (`secret`, `file`, `passphrase`, `folder`) and one of the messages below, so
 * each failure has words of its own:
 * - `invalid_input` + `secret`: the recovery key is mistyped (wrong count, unknown word, checksum);
 * - `forbidden` + `secret`: a well-formed recovery key or passphrase that does not open this file;
 * - `invalid_input` + `file`: the file is damaged, or is not a TPD Companion backup at all;
 * - `conflict` + `file`: the file was made by a newer version of TPD Companion.
 */

export const RECOVERY_KEY_WORD_COUNT = 12;
export const MIN_PASSPHRASE_LENGTH = 12;
/** Today warns when no backup has succeeded for this many days. */
export const BACKUP_WARNING_DAYS = 7;
export const BACKUP_FILE_EXTENSION = '.tpdbackup';
export const DEFAULT_BACKUP_FOLDER_NAME = 'TPD Companion backups';

export const BACKUP_MESSAGES = {
  wrongSecret:
    'This recovery key or passphrase does not open this backup. It may belong to other data, or a newer recovery key may have replaced it. Nothing was changed.',
  wrongRecoveryKey:
    'This is a valid recovery key, but not the one for this database. Check you are using the most recent recovery key you printed. Nothing was changed.',
  damaged:
    'This backup file is damaged or incomplete (it may have been cut short or altered while being copied), so it cannot be restored. Nothing was changed; try another backup.',
  notABackup: 'This file is not a TPD Companion backup. Nothing was changed.',
  handoverNotBackup:
    'This is a TPD Companion handover file, not a backup. Import it from the Trainees page (Import a handover…); nothing was changed.',
  newerVersion:
    'This backup was made by a newer version of TPD Companion. Install the latest version to restore it; nothing was changed.',
  noRecoveryKey: 'No recovery key has been made for this database yet.',
  notUpdatable:
    'This backup could not be brought up to this version of TPD Companion, so it was not restored; nothing was changed.',
  breaksRules:
    'This backup holds records that break the rules the app’s forms apply, so it was not restored; nothing was changed:',
  tooCostly:
    'This file asks for far more work to open than a TPD Companion backup ever does, so it was not made by TPD Companion or has been altered. It was not opened; nothing was changed.',
} as const;

export interface RecordCounts {
  trainees: number;
  meetings: number;
  goals: number;
  examAttempts: number;
  arcpRecords: number;
}

export interface BackupFileInfo {
  file: string;
  name: string;
  /** ISO instant, from the file name (the app's own naming). */
  createdAt: string;
  sizeBytes: number;
}

export interface BackupStatus {
  folder: string;
  folderIsDefault: boolean;
  lastSuccessAt: string | null;
  lastSuccessFile: string | null;
  lastFailure: { at: string; message: string } | null;
  /** True when no backup has succeeded for BACKUP_WARNING_DAYS days (or ever): Today shows a warning. */
  overdue: boolean;
  passphraseSet: boolean;
  /** When the current recovery key was made; null until the first-start flow makes one. */
  recoveryKeyCreatedAt: string | null;
  /** Whether its words were typed back since it was made; until then first start resumes at that step. */
  recoveryKeyConfirmed: boolean;
  /** The backups in the folder, newest first. */
  backups: BackupFileInfo[];
}

export interface BackupMade {
  file: string;
  createdAt: string;
  sizeBytes: number;
  counts: RecordCounts;
  /** Older automatic backups removed by rotation after this one was verified. */
  pruned: string[];
}

export interface BackupPreview {
  createdAt: string;
  appVersion: string;
  formatVersion: string;
  migrations: string[];
  counts: RecordCounts;
  /** The backup's database is older than this app's: it will be updated after restoring. */
  needsUpdate: boolean;
}

export interface RestoreOutcome extends BackupPreview {
  /** The database as it was just before the restore, kept in the data folder. */
  preRestoreCopy: string | null;
}

export interface NewRecoveryKey {
  /** Shown once; never stored in plain text anywhere. */
  words: string[];
  createdAt: string;
}

export const backupSecretSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('recovery-key'), words: z.string().max(400) }),
  z.strictObject({
    kind: z.literal('passphrase'),
    passphrase: z.string().min(1, { error: 'Type the passphrase' }).max(1024),
  }),
]);
export type BackupSecret = z.output<typeof backupSecretSchema>;

const backupFileSchema = z.string().trim().min(1, { error: 'Choose a backup file' }).max(4096);
/** A backup chosen with `<input type="file">` in the browser host: its bytes, not a path. */
const uploadedBackupSchema = z.strictObject({
  fileName: z.string().trim().min(1, { error: 'Choose a backup file' }).max(255),
  contentBase64: importContentSchema.min(1, { error: 'Choose a backup file' }),
  secret: backupSecretSchema,
});
const recoveryWordsSchema = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{3,8}$/, { error: 'Each word is 3 to 8 letters' }),
  )
  .length(RECOVERY_KEY_WORD_COUNT, { error: `A recovery key has ${RECOVERY_KEY_WORD_COUNT} words` });

export const backupChannels = {
  /** Folder, last success, overdue warning, passphrase and recovery key state, the backups in the folder. */
  'backups:status': channel(empty).returns<BackupStatus>(),
  /** Makes a verified backup now, whatever the day's schedule says. */
  'backups:run-now': channel(empty).changes('backups', 'exportLog').returns<BackupMade>(),
  /** `null` goes back to the default folder in Documents. */
  'backups:set-folder': channel(z.strictObject({ folder: z.string().trim().min(1).max(4096).nullable() }))
    .changes('backups')
    .returns<BackupStatus>(),
  /** Native folder dialog, then as set-folder; `null` when the user cancels. */
  'backups:choose-folder': channel(empty).changes('backups').returns<BackupStatus | null>(),
  /** As run-now, and hands back the file made, for the browser host to download. */
  'backups:run-now-download': channel(empty)
    .changes('backups', 'exportLog')
    .returns<{ made: BackupMade; file: ExportedFile }>(),
  /** Native open-file dialog for a backup to check and restore; `{ file: null }` when cancelled. */
  'backups:choose-file': channel(empty).returns<{ file: string | null }>(),
  /** Adds (or replaces) the backup passphrase slot; `null` removes it from future backups. */
  'backups:set-passphrase': channel(
    z.strictObject({
      passphrase: z
        .string()
        .min(MIN_PASSPHRASE_LENGTH, {
          error: `Use at least ${MIN_PASSPHRASE_LENGTH} characters: a few unrelated words are easy to remember`,
        })
        .max(1024)
        .nullable(),
    }),
  )
    .changes('backups')
    .returns<BackupStatus>(),
  /** Checks the whole file with the secret and says what it holds; changes nothing. */
  'backups:inspect': channel(
    z.strictObject({ file: backupFileSchema, secret: backupSecretSchema }),
  ).returns<BackupPreview>(),
  /** Replaces the database with the backup's, keeping the current one as a pre-restore copy; the app reopens on it. */
  'backups:restore': channel(z.strictObject({ file: backupFileSchema, secret: backupSecretSchema }))
    .changes(...DATA_FEATURES)
    .returns<RestoreOutcome>(),
  /** As inspect, for a file the browser host uploaded; the upload is removed afterwards. */
  'backups:inspect-upload': channel(uploadedBackupSchema).returns<BackupPreview>(),
  /** As restore, for a file the browser host uploaded; the upload is removed afterwards. */
  'backups:restore-upload': channel(uploadedBackupSchema)
    .changes(...DATA_FEATURES)
    .returns<RestoreOutcome>(),
  /** Makes a new recovery key (the first, or a replacement: the old one then stops unlocking this database). */
  'recovery:create-key': channel(empty).changes('backups').returns<NewRecoveryKey>(),
  /** The new key's words, once typed back: first start is then over (kept in the key-slot file). */
  'recovery:confirm-key': channel(z.strictObject({ words: z.string().max(400) }))
    .changes('backups')
    .returns<BackupStatus>(),
  /** Whether typed words are this database's current recovery key ("check your printed copy"); changes nothing. */
  'recovery:check-key': channel(z.strictObject({ words: z.string().max(400) })).returns<{ matches: true }>(),
  /**
   * Under Electron, when the keychain copy of the database key is missing or unreadable, the app starts
   * locked and this is the one channel that answers: the recovery key opens the database and the key
   * goes back into the keychain. Once the database is open it only checks the words, like check-key.
   */
  'recovery:unlock': channel(
    z.strictObject({ words: z.string().min(1, { error: 'Type your recovery key' }).max(400) }),
  ).returns<{
    unlocked: true;
  }>(),
  /** The printable recovery sheet (PDF) for words just shown; made in memory and never kept. */
  'recovery:sheet': channel(z.strictObject({ words: recoveryWordsSchema })).returns<ExportedFile>(),
};
