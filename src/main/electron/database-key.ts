import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_MESSAGES } from '../../shared/backups/backup-contract';
import { AppError } from '../../shared/result';
import { writeFileAtomic } from '../services/backups/atomic-file';
import { KEY_SLOT_FILE, readKeySlotFile, unwrapAny } from '../services/backups/key-slots';
import { parseRecoveryKey } from '../services/backups/recovery-key';
import { runCryptoSelfTest } from '../services/backups/self-test';
import { KEY_BYTES } from '../store/open-store';
import { integrityProblem } from '../store/verified-copy';

/** The subset of Electron's safeStorage this module uses, so tests can pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export const KEY_FILE = 'database-key.bin';

export class DatabaseKeyError extends Error {
  constructor(
    readonly reason: 'unavailable' | 'weak_backend' | 'missing' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseKeyError';
  }
}

export interface LoadKeyOptions {
  safeStorage: SafeStorageLike;
  userDataDir: string;
  /** The database file: if it exists without a key, a new key would lock it for good. */
  databaseFile: string;
  platform?: NodeJS.Platform;
  /** Linux without a keyring stores the key in plain text; only with the user's say-so. */
  allowPlainTextBackend?: boolean;
}

/**
 * The database key is 32 random bytes made once and kept only as an OS-encrypted blob
 * (Keychain, DPAPI, libsecret). It never leaves the main process.
 */
export function loadDatabaseKey(options: LoadKeyOptions): Buffer {
  const { safeStorage, userDataDir, databaseFile } = options;
  const platform = options.platform ?? process.platform;
  if (!safeStorage.isEncryptionAvailable()) {
    throw new DatabaseKeyError(
      'unavailable',
      'This computer offers no secure storage for the database key, so the app cannot keep your data encrypted.',
    );
  }
  if (
    platform === 'linux' &&
    safeStorage.getSelectedStorageBackend?.() === 'basic_text' &&
    !options.allowPlainTextBackend
  ) {
    throw new DatabaseKeyError(
      'weak_backend',
      'No system keyring (GNOME Keyring or KWallet) was found, so the database key would be stored unprotected. Install or unlock a keyring, or start the app with --allow-plaintext-key to accept the risk.',
    );
  }
  const keyFile = path.join(userDataDir, KEY_FILE);
  if (fs.existsSync(keyFile)) {
    let hex: string;
    try {
      hex = safeStorage.decryptString(fs.readFileSync(keyFile));
    } catch {
      throw new DatabaseKeyError(
        'unreadable',
        'The database key could not be decrypted by this computer’s secure storage (was the app data copied from another computer or user?).',
      );
    }
    const key = Buffer.from(hex, 'hex');
    if (key.length !== KEY_BYTES) throw new DatabaseKeyError('unreadable', 'The stored database key is damaged.');
    return key;
  }
  if (fs.existsSync(databaseFile) && fs.statSync(databaseFile).size > 0) {
    throw new DatabaseKeyError(
      'missing',
      'The database exists but its key is missing from this computer’s secure storage. Unlock it with your recovery key.',
    );
  }
  const key = randomBytes(KEY_BYTES);
  fs.mkdirSync(userDataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(keyFile, safeStorage.encryptString(key.toString('hex')), { mode: 0o600 });
  return key;
}

export interface RecoveryUnlockOptions {
  safeStorage: SafeStorageLike;
  userDataDir: string;
  databaseFile: string;
  /** The 12 words as typed. */
  recoveryKey: string;
  nativeBinding?: string;
  now?: () => Date;
}

/** Whether the recovery key can unlock this data folder (offer it when the keychain copy is missing or unreadable). */
export function canUnlockWithRecoveryKey(userDataDir: string): boolean {
  try {
    return readKeySlotFile(path.join(userDataDir, KEY_SLOT_FILE)).slots.some(
      (slot) => slot.secret === 'recovery-key' && slot.wraps === 'database-key',
    );
  } catch {
    return false;
  }
}

/**
 * When the keychain copy of the key is gone or unreadable: the recovery key opens the database key
 * from the key-slot file beside the database, the key is checked against the database itself, and
 * only then stored in the keychain again. An unreadable old keychain file is set aside, never
 * deleted. Mistyped words and a valid but wrong key throw AppErrors with their own messages, and
 * change nothing.
 */
export async function unlockWithRecoveryKey(options: RecoveryUnlockOptions): Promise<Buffer> {
  const { safeStorage, userDataDir, databaseFile } = options;
  if (!safeStorage.isEncryptionAvailable()) {
    throw new DatabaseKeyError(
      'unavailable',
      'This computer offers no secure storage for the database key, so the app cannot keep your data encrypted.',
    );
  }
  await runCryptoSelfTest();
  const typed = parseRecoveryKey(options.recoveryKey);
  const { slots } = readKeySlotFile(path.join(userDataDir, KEY_SLOT_FILE));
  if (!slots.some((slot) => slot.secret === 'recovery-key'))
    throw new AppError('not_found', BACKUP_MESSAGES.noRecoveryKey);
  const opened = await unwrapAny(slots, { kind: 'recovery-key', bytes: typed.entropy }, 'database-key');
  const problem = opened.ok
    ? integrityProblem(databaseFile, {
        key: opened.key,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      })
    : 'wrong key';
  if (!opened.ok || problem) {
    throw new AppError('forbidden', BACKUP_MESSAGES.wrongRecoveryKey, { secret: BACKUP_MESSAGES.wrongRecoveryKey });
  }
  storeDatabaseKey(safeStorage, userDataDir, opened.key, options.now?.() ?? new Date());
  return opened.key;
}

/**
 * Puts a recovered key (from the recovery key, or from `restoreIntoEmptyDataDir` on a new computer)
 * into the keychain. A keychain file already there is set aside, never deleted.
 */
export function storeDatabaseKey(
  safeStorage: SafeStorageLike,
  userDataDir: string,
  key: Buffer,
  now = new Date(),
): void {
  if (key.length !== KEY_BYTES) throw new DatabaseKeyError('unreadable', 'The database key must be 32 bytes.');
  fs.mkdirSync(userDataDir, { recursive: true, mode: 0o700 });
  const keyFile = path.join(userDataDir, KEY_FILE);
  if (fs.existsSync(keyFile))
    fs.renameSync(keyFile, `${keyFile}.unreadable-${now.toISOString().replace(/[:.]/g, '-')}`);
  writeFileAtomic(keyFile, safeStorage.encryptString(key.toString('hex')));
}
