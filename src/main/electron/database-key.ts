import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KEY_BYTES } from '../store/open-store';

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
      'The database exists but its key is missing, so it cannot be opened. Restore database-key.bin from a backup of this computer.',
    );
  }
  const key = randomBytes(KEY_BYTES);
  fs.mkdirSync(userDataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(keyFile, safeStorage.encryptString(key.toString('hex')), { mode: 0o600 });
  return key;
}
