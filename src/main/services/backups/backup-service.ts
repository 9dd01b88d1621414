import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import {
  BACKUP_MESSAGES,
  BACKUP_WARNING_DAYS,
  DEFAULT_BACKUP_FOLDER_NAME,
  type BackupFileInfo,
  type BackupMade,
  type BackupPreview,
  type BackupSecret,
  type BackupStatus,
  type NewRecoveryKey,
} from '../../../shared/backups/backup-contract';
import { ukToday } from '../../../shared/dates';
import { AppError } from '../../../shared/result';
import { MIGRATIONS } from '../../store/migrations';
import type { DB } from '../../store/schema';
import { openStore, StoreOpenError, type Store } from '../../store/open-store';
import { integrityProblem, openKeyedFile, orphanedRows, verifiedVacuumCopy } from '../../store/verified-copy';
import { NAMED_PROBLEMS, problemsInStore } from '../record-rules';
import { recordExport } from '../export-log';
import { commitTempFile, TEMP_SUFFIX, writeFileAtomic } from './atomic-file';
import {
  BACKUP_CONTENT,
  damagedError,
  openBackupFile,
  readCounts,
  readMigrations,
  secretFromInput,
  type BackupMetadata,
  type OpenedBackup,
} from './backup-file';
import { randomKey } from './crypto';
import { writeEnvelopeTemp } from './envelope';
import {
  KEY_SLOT_FILE,
  makeSlot,
  readKeySlotFile,
  type KeySlot,
  type Secret,
  unwrapAny,
  withDatabaseKeySlot,
  writeKeySlotFile,
} from './key-slots';
import { generateRecoveryKey, parseRecoveryKey } from './recovery-key';
import { backupFileName, backupNameTime, backupsToPrune } from './rotation';
import { runCryptoSelfTest } from './self-test';
import { createFolderGate } from '../folder-access';

export const BACKUP_STATE_FILE = 'backup-state.json';
const NO_DIALOG = 'This version of the app has no file dialog; type the path instead.';

/**
 * Backup state lives in a small file beside the database, not in the settings table: it describes
 * this computer (a folder path, when this computer last backed up), so restoring an older database
 * must not roll it back, and a backup restored on a new laptop must not bring the old laptop's
 * folder with it. The key-slot file holds the secrets' slots for the same reason.
 */
const stateSchema = z.object({
  version: z.literal(1),
  folder: z.string().nullable(),
  trackingSince: z.string(),
  lastSuccessAt: z.string().nullable(),
  lastSuccessFile: z.string().nullable(),
  lastFailure: z.object({ at: z.string(), message: z.string() }).nullable(),
});
type BackupState = z.infer<typeof stateSchema>;

/** Native dialogs under Electron; absent in the browser host and tests, where paths are typed. */
export interface BackupDialogs {
  chooseFolder?: () => Promise<string | null>;
  chooseBackupFile?: () => Promise<string | null>;
}

export interface BackupServiceOptions {
  dataDir: string;
  databaseFile: string;
  key: Buffer;
  version: string;
  db: () => Kysely<DB>;
  now: () => Date;
  nativeBinding?: string;
  /** Default "TPD Companion backups" in Documents. */
  defaultFolder?: string;
  dialogs?: BackupDialogs;
}

export type BackupService = ReturnType<typeof createBackupService>;

export function defaultBackupFolder(): string {
  return path.join(os.homedir(), 'Documents', DEFAULT_BACKUP_FOLDER_NAME);
}

/** Removes temporary files a crash left behind: only ours (prefix and suffix), never a finished backup. */
function removeLeftovers(folder: string, prefix: string): void {
  if (!fs.existsSync(folder)) return;
  for (const name of fs.readdirSync(folder)) {
    if (name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX)) fs.rmSync(path.join(folder, name), { force: true });
  }
}

function sha256File(file: string): Buffer {
  return createHash('sha256').update(fs.readFileSync(file)).digest();
}

export function createBackupService(options: BackupServiceOptions) {
  const { dataDir, databaseFile, key, now } = options;
  const keyed = { key, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) };
  const keySlotFile = path.join(dataDir, KEY_SLOT_FILE);
  const stateFile = path.join(dataDir, BACKUP_STATE_FILE);
  const defaultFolder = options.defaultFolder ?? defaultBackupFolder();
  const folderGate = createFolderGate(
    { ...(options.dialogs?.chooseFolder ? { choose: options.dialogs.chooseFolder } : {}), defaultFolder },
    'Change folder…',
  );
  let running: Promise<BackupMade> | null = null;

  function readState(): BackupState {
    try {
      const parsed = stateSchema.safeParse(JSON.parse(fs.readFileSync(stateFile, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // Missing or unreadable: start afresh (it holds no data, only what the next backup will set again).
    }
    const fresh: BackupState = {
      version: 1,
      folder: null,
      trackingSince: now().toISOString(),
      lastSuccessAt: null,
      lastSuccessFile: null,
      lastFailure: null,
    };
    writeState(fresh);
    return fresh;
  }
  function writeState(state: BackupState): void {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileAtomic(stateFile, `${JSON.stringify(state, null, 2)}\n`);
  }
  const folderOf = (state: BackupState) => state.folder ?? defaultFolder;

  function listBackups(folder: string): BackupFileInfo[] {
    if (!fs.existsSync(folder)) return [];
    return fs
      .readdirSync(folder)
      .flatMap((name) => {
        const at = backupNameTime(name);
        if (!at) return [];
        const file = path.join(folder, name);
        return [{ file, name, createdAt: at.toISOString(), sizeBytes: fs.statSync(file).size }];
      })
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
  }

  function status(): BackupStatus {
    const state = readState();
    const slots = readKeySlotFile(keySlotFile);
    const since = state.lastSuccessAt ?? state.trackingSince;
    const overdue = now().getTime() - new Date(since).getTime() >= BACKUP_WARNING_DAYS * 24 * 60 * 60 * 1000;
    return {
      folder: folderOf(state),
      folderIsDefault: state.folder === null,
      lastSuccessAt: state.lastSuccessAt,
      lastSuccessFile: state.lastSuccessFile,
      lastFailure: state.lastFailure,
      overdue,
      passphraseSet: slots.slots.some((s) => s.secret === 'passphrase' && s.wraps === 'database-key'),
      recoveryKeyCreatedAt: slots.recoveryKeyCreatedAt,
      recoveryKeyConfirmed: slots.recoveryKeyCreatedAt !== null && slots.recoveryKeyConfirmedAt !== null,
      backups: listBackups(folderOf(state)),
    };
  }

  function uniqueTarget(folder: string, at: Date): string {
    for (let attempt = 0; ; attempt += 1) {
      const target = path.join(folder, backupFileName(at, attempt));
      if (!fs.existsSync(target)) return target;
    }
  }

  async function makeBackup(): Promise<BackupMade> {
    await runCryptoSelfTest();
    const state = readState();
    const folder = folderOf(state);
    const createdAt = now();
    try {
      try {
        fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
        fs.accessSync(folder, fs.constants.W_OK);
      } catch {
        const message = `The backup folder ${folder} cannot be written to. Choose another folder in Settings.`;
        throw new AppError('invalid_input', message, { folder: message });
      }
      removeLeftovers(folder, '.tpd-companion-backup-');
      removeLeftovers(dataDir, '.tpd-companion-snapshot');
      const snapshot = await verifiedVacuumCopy(
        (to) => sql`VACUUM INTO ${to}`.execute(options.db()),
        dataDir,
        'tpd-companion-snapshot',
        keyed,
      );
      let target: string;
      let metadata: BackupMetadata;
      try {
        const sqlite = openKeyedFile(snapshot, { ...keyed, readonly: true });
        let counts;
        let migrations;
        try {
          counts = readCounts(sqlite);
          migrations = readMigrations(sqlite);
        } finally {
          sqlite.close();
        }
        const slotFile = readKeySlotFile(keySlotFile);
        metadata = {
          appVersion: options.version,
          createdAt: createdAt.toISOString(),
          migrations,
          counts,
          databaseBytes: fs.statSync(snapshot).size,
          recoveryKeyCreatedAt: slotFile.recoveryKeyCreatedAt,
          passphraseSetAt: slotFile.passphraseSetAt,
        };
        // The backup can be made with only the database key at hand: the recovery-key and passphrase
        // slots are copied as they are from the key-slot file, and the content key is wrapped under the database key.
        const contentKey = randomKey();
        const slots = [
          ...slotFile.slots.filter((s) => s.wraps === 'database-key'),
          await makeSlot({ kind: 'database-key', bytes: key }, 'content-key', contentKey),
        ];
        target = uniqueTarget(folder, createdAt);
        const temp = writeEnvelopeTemp(target, {
          content: BACKUP_CONTENT,
          createdAt: createdAt.toISOString(),
          slots,
          contentKey,
          metadata,
          sourceFile: snapshot,
        });
        try {
          // It counts only when it reads back, every frame, to exactly the verified snapshot.
          const hash = createHash('sha256');
          await openBackupFile(temp, { kind: 'database-key', bytes: key }, [], (chunk) => hash.update(chunk));
          if (!hash.digest().equals(sha256File(snapshot))) throw damagedError();
          commitTempFile(temp, target);
        } catch (error) {
          fs.rmSync(temp, { force: true });
          throw error;
        }
      } finally {
        fs.rmSync(snapshot, { force: true });
      }
      const after = readState();
      writeState({
        ...after,
        lastSuccessAt: createdAt.toISOString(),
        lastSuccessFile: target,
        lastFailure: null,
      });
      const pruned = backupsToPrune(fs.readdirSync(folder)).filter((name) => path.join(folder, name) !== target);
      for (const name of pruned) fs.rmSync(path.join(folder, name), { force: true });
      return {
        file: target,
        createdAt: createdAt.toISOString(),
        sizeBytes: fs.statSync(target).size,
        counts: metadata.counts,
        pruned,
      };
    } catch (error) {
      const message =
        error instanceof AppError ? error.message : 'The backup could not be made; earlier backups are untouched.';
      writeState({ ...readState(), lastFailure: { at: createdAt.toISOString(), message } });
      throw error;
    }
  }

  /** One backup at a time; a second call while one runs waits for it. Each is logged, after it is made and checked. */
  function runBackup(): Promise<BackupMade> {
    running ??= makeBackup()
      .then(async (made) => {
        const description = 'Encrypted backup of the whole database';
        await recordExport(
          options.db(),
          { kind: 'backup', traineeIds: [], description, destination: path.dirname(made.file) },
          now(),
        );
        return made;
      })
      .finally(() => (running = null));
    return running;
  }

  function previewOf(opened: OpenedBackup): BackupPreview {
    const { metadata, parsed } = opened;
    return {
      createdAt: metadata.createdAt,
      appVersion: metadata.appVersion,
      formatVersion: parsed.formatVersion,
      migrations: metadata.migrations,
      counts: metadata.counts,
      needsUpdate: metadata.migrations.length < MIGRATIONS.length,
    };
  }

  async function writeKeySlots(kind: 'recovery-key' | 'passphrase', secretBytes: Buffer | null): Promise<void> {
    await runCryptoSelfTest();
    const current = readKeySlotFile(keySlotFile);
    const slot = secretBytes ? await makeSlot({ kind, bytes: secretBytes }, 'database-key', key) : null;
    const at = now().toISOString();
    writeKeySlotFile(keySlotFile, {
      ...current,
      slots: withDatabaseKeySlot(current, kind, slot),
      ...(kind === 'recovery-key'
        ? { recoveryKeyCreatedAt: slot ? at : null, recoveryKeyConfirmedAt: null }
        : { passphraseSetAt: slot ? at : null }),
    });
  }

  return {
    status,
    runBackup,

    /** Once a UK day: the first call of a day makes a backup, later ones that day do nothing. */
    async runDailyBackupIfDue(): Promise<BackupMade | null> {
      const state = readState();
      if (state.lastSuccessAt && ukToday(new Date(state.lastSuccessAt)) === ukToday(now())) return null;
      return runBackup();
    },

    /** `null` when the user cancels the dialog (nothing changes). */
    async chooseFolder(): Promise<BackupStatus | null> {
      if (!folderGate.canBrowse) throw new AppError('forbidden', NO_DIALOG);
      const folder = await folderGate.choose();
      return folder === null ? null : this.setFolder(folder);
    },

    async chooseBackupFile(): Promise<{ file: string | null }> {
      if (!options.dialogs?.chooseBackupFile) throw new AppError('forbidden', NO_DIALOG);
      return { file: await options.dialogs.chooseBackupFile() };
    },

    /**
     * `null` goes back to the default. A folder passes the same check as the ARCP batch folder: under
     * Electron only one picked in the folder dialog, in the browser host a full path to a folder that exists.
     */
    setFolder(folder: string | null): BackupStatus {
      writeState({ ...readState(), folder: folder === null ? null : folderGate.check(folder) });
      return status();
    },

    async setPassphrase(passphrase: string | null): Promise<BackupStatus> {
      await writeKeySlots('passphrase', passphrase === null ? null : Buffer.from(passphrase.normalize('NFC'), 'utf8'));
      return status();
    },

    /** The old recovery key's slot is replaced in the same atomic write, so it stops unlocking the database. */
    async createRecoveryKey(): Promise<NewRecoveryKey> {
      const recovery = generateRecoveryKey();
      await writeKeySlots('recovery-key', recovery.entropy);
      return { words: recovery.words.split(' '), createdAt: readKeySlotFile(keySlotFile).recoveryKeyCreatedAt! };
    },

    /**
     * The user typed the new key's words back: from now on first start is over. Main checks the words
     * open this database (the renderer checked three of them against the words it was shown).
     */
    async confirmRecoveryKey(words: string): Promise<BackupStatus> {
      await this.checkRecoveryKey(words);
      writeKeySlotFile(keySlotFile, { ...readKeySlotFile(keySlotFile), recoveryKeyConfirmedAt: now().toISOString() });
      return status();
    },

    async checkRecoveryKey(words: string): Promise<{ matches: true }> {
      const typed = parseRecoveryKey(words);
      const { slots } = readKeySlotFile(keySlotFile);
      if (!slots.some((s) => s.secret === 'recovery-key')) {
        throw new AppError('not_found', BACKUP_MESSAGES.noRecoveryKey);
      }
      const opened = await unwrapAny(slots, { kind: 'recovery-key', bytes: typed.entropy }, 'database-key');
      if (!opened.ok || !opened.key.equals(key)) {
        throw new AppError('forbidden', BACKUP_MESSAGES.wrongRecoveryKey, { secret: BACKUP_MESSAGES.wrongRecoveryKey });
      }
      return { matches: true };
    },

    /** Whether a recovery key has been made, so that it can unlock the app lock. */
    hasRecoveryKey(): boolean {
      return readKeySlotFile(keySlotFile).slots.some((s) => s.secret === 'recovery-key');
    },

    async inspect(file: string, secret: BackupSecret): Promise<BackupPreview> {
      await runCryptoSelfTest();
      const opened = await openBackupFile(file, secretFromInput(secret), readKeySlotFile(keySlotFile).slots);
      return previewOf(opened);
    },

    /**
     * Everything a restore does before the swap: verify the whole file, decrypt it to a temporary
     * file beside the database, integrity-check that, and re-key it to this database's key if it was
     * made under another. Nothing the app uses has changed when this returns or throws.
     */
    async prepareRestore(file: string, secret: BackupSecret): Promise<{ prepared: string; preview: BackupPreview }> {
      await runCryptoSelfTest();
      const prepared = await decryptBackupBeside(databaseFile, file, secretFromInput(secret), {
        localSlots: readKeySlotFile(keySlotFile).slots,
        rekeyTo: key,
        now,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      });
      return { prepared: prepared.file, preview: previewOf(prepared.opened) };
    },
  };
}

/**
 * The decrypted database, before it can replace anything: brought up to this version's schema (an
 * older backup's migrations run here, so one that fails stops the restore, not the next start) and
 * every record checked by the rules the forms apply. Rows are judged by their shape, not by the
 * calendar: a backup's rows were made on their own day.
 */
async function checkRestoredRecords(
  file: string,
  key: Buffer,
  databaseFile: string,
  now: (() => Date) | undefined,
  nativeBinding: { nativeBinding?: string },
) {
  const refuse = (problems: string) => {
    const message = `${BACKUP_MESSAGES.breaksRules} ${problems}.`;
    return new AppError('invalid_input', message, { file: message });
  };
  let store: Store;
  try {
    store = await openStore({ file, key, copyNamedAfter: databaseFile, ...(now ? { now } : {}), ...nativeBinding });
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    // The copy before migrating is kept only for a backup that is restored.
    if (error.copy) fs.rmSync(error.copy, { force: true });
    if (error.rowsBreakingRules) throw refuse(error.rowsBreakingRules);
    throw new AppError('invalid_input', BACKUP_MESSAGES.notUpdatable, { file: BACKUP_MESSAGES.notUpdatable });
  }
  let refused = true;
  try {
    const orphans = await orphanedRows(store.db);
    if (orphans.length > 0) throw refuse(orphans.join('; '));
    const { problems, count } = await problemsInStore(store.db, { today: null }, { limit: NAMED_PROBLEMS });
    if (count > 0) {
      const more = count > problems.length ? `; and ${(count - problems.length).toLocaleString('en-GB')} more` : '';
      throw refuse(`${problems.join('; ')}${more}`);
    }
    refused = false;
  } finally {
    await store.close();
    if (refused) for (const copy of store.backups) fs.rmSync(copy, { force: true });
  }
}

/**
 * Verifies the backup, then decrypts it into a temporary file beside `databaseFile` (removed on any
 * failure), with `rekeyTo` re-encrypts it under that key, and checks its integrity.
 */
export async function decryptBackupBeside(
  databaseFile: string,
  backupFile: string,
  secret: Secret,
  options: { localSlots?: KeySlot[]; rekeyTo?: Buffer; nativeBinding?: string; now?: () => Date } = {},
): Promise<{ file: string; opened: OpenedBackup }> {
  const opened = await openBackupFile(backupFile, secret, options.localSlots ?? []);
  const folder = path.dirname(databaseFile);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const temp = path.join(folder, `.tpd-companion-restore.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const nativeBinding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  try {
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      // The second pass authenticates again as it writes, so a file changed since the first pass still fails.
      await openBackupFile(backupFile, { kind: 'database-key', bytes: opened.databaseKey }, [], (chunk) =>
        fs.writeSync(fd, chunk),
      );
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // Re-key first and check integrity once, under the key the file will be used with.
    let finalKey = opened.databaseKey;
    if (options.rekeyTo && !options.rekeyTo.equals(opened.databaseKey)) {
      try {
        const sqlite = openKeyedFile(temp, { key: opened.databaseKey, ...nativeBinding });
        try {
          sqlite.pragma('journal_mode = DELETE');
          sqlite.pragma(`rekey="x'${options.rekeyTo.toString('hex')}'"`);
        } finally {
          sqlite.close();
        }
      } catch {
        throw damagedError();
      }
      finalKey = options.rekeyTo;
    }
    // A file whose only fault is rows that break a CHECK is whole, not damaged: the rules' check names them.
    const problem = integrityProblem(temp, { key: finalKey, ...nativeBinding });
    const onlyChecks = problem?.split('; ').every((line) => line.startsWith('CHECK constraint failed in ')) ?? false;
    if (problem && !onlyChecks) throw damagedError();
    await checkRestoredRecords(temp, finalKey, databaseFile, options.now, nativeBinding);
    if (problem) {
      // Every row passed the forms' rules, yet one breaks a database CHECK: name what the database says.
      const message = `${BACKUP_MESSAGES.breaksRules} ${problem}.`;
      throw new AppError('invalid_input', message, { file: message });
    }
    const tempFd = fs.openSync(temp, 'r+');
    fs.fsyncSync(tempFd);
    fs.closeSync(tempFd);
    return { file: temp, opened };
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
