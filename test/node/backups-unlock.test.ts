/**
 * The keychain copy of the database key is gone or unreadable: the recovery key unlocks the
 * database, the key goes back into the (fake) keychain, and the app opens. A wrong key or a
 * mistyped word changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackend, DATABASE_FILE_NAME } from '../../src/main/backend';
import {
  canUnlockWithRecoveryKey,
  DatabaseKeyError,
  KEY_FILE,
  loadDatabaseKey,
  storeDatabaseKey,
  unlockWithRecoveryKey,
} from '../../src/main/electron/database-key';
import { generateRecoveryKey } from '../../src/main/services/backups/recovery-key';
import { restoreIntoEmptyDataDir } from '../../src/main/services/backups/restore';
import { backupBeforeQuit, startDailyBackups } from '../../src/main/services/backups/backup-schedule';
import { BACKUP_MESSAGES } from '../../src/shared/backups/backup-contract';
import { AppError } from '../../src/shared/result';
import { fakeKeychain } from '../support/fake-keychain';
import { call, tempDir } from '../support/temp-backend';
import { sha256, traineeInput } from './helpers';

const temps: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function installWithData() {
  const userDataDir = tempDir('tpd-unlock-');
  temps.push(userDataDir);
  const safeStorage = fakeKeychain();
  const databaseFile = path.join(userDataDir, DATABASE_FILE_NAME);
  const key = loadDatabaseKey({ safeStorage, userDataDir, databaseFile, platform: 'linux' });
  const backend = await createBackend({ dataDir: userDataDir, key, version: 'test' });
  await call(backend, 'trainees:create', traineeInput());
  const { words } = await call(backend, 'recovery:create-key');
  await backend.close();
  return { userDataDir, safeStorage, databaseFile, key, words: words.join(' ') };
}

function folderHashes(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).map((name) => [name, sha256(path.join(dir, name))]));
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('unlocking with the recovery key', () => {
  it.each([
    ['unreadable', (dir: string, keychain: ReturnType<typeof fakeKeychain>) => keychain.forget()],
    ['missing', (dir: string) => fs.rmSync(path.join(dir, KEY_FILE))],
  ])('when the keychain copy is %s: stores the key again and the database opens', async (reason, lose) => {
    const install = await installWithData();
    lose(install.userDataDir, install.safeStorage);
    const options = {
      safeStorage: install.safeStorage,
      userDataDir: install.userDataDir,
      databaseFile: install.databaseFile,
    };
    const error = (() => {
      try {
        loadDatabaseKey({ ...options, platform: 'linux' });
      } catch (e) {
        return e as DatabaseKeyError;
      }
      throw new Error('expected the key to be lost');
    })();
    expect(error.reason).toBe(reason);
    expect(canUnlockWithRecoveryKey(install.userDataDir)).toBe(true);

    const key = await unlockWithRecoveryKey({ ...options, recoveryKey: install.words });
    expect(key.equals(install.key)).toBe(true);
    expect(loadDatabaseKey({ ...options, platform: 'linux' }).equals(install.key)).toBe(true);
    const backend = await createBackend({ dataDir: install.userDataDir, key, version: 'test' });
    expect((await call(backend, 'app:info')).traineeCount).toBe(1);
    await backend.close();
    // The unreadable blob was set aside, not deleted.
    const asideCount = fs
      .readdirSync(install.userDataDir)
      .filter((n) => n.startsWith(`${KEY_FILE}.unreadable-`)).length;
    expect(asideCount).toBe(reason === 'unreadable' ? 1 : 0);
  });

  it('refuses a valid but wrong key, mistyped words, and an old key after a new one was made, changing nothing', async () => {
    const install = await installWithData();
    install.safeStorage.forget();
    const options = {
      safeStorage: install.safeStorage,
      userDataDir: install.userDataDir,
      databaseFile: install.databaseFile,
    };
    const before = folderHashes(install.userDataDir);

    const wrong = await refusal(unlockWithRecoveryKey({ ...options, recoveryKey: generateRecoveryKey().words }));
    expect(wrong).toMatchObject({ code: 'forbidden', message: BACKUP_MESSAGES.wrongRecoveryKey });
    const words = install.words.split(' ');
    const mistyped = await refusal(
      unlockWithRecoveryKey({ ...options, recoveryKey: [...words.slice(0, 3), 'zebraa', ...words.slice(4)].join(' ') }),
    );
    expect(mistyped).toMatchObject({ code: 'invalid_input' });
    expect(mistyped.fields?.secret).toMatch(/^Word 4 \(“zebraa”\) is not one of the recovery key words/);
    expect(folderHashes(install.userDataDir)).toEqual(before);

    // A new recovery key replaces the old one: the old words stop working.
    const key = await unlockWithRecoveryKey({ ...options, recoveryKey: install.words });
    const backend = await createBackend({ dataDir: install.userDataDir, key, version: 'test' });
    const fresh = await call(backend, 'recovery:create-key');
    await backend.close();
    install.safeStorage.forget();
    const old = await refusal(unlockWithRecoveryKey({ ...options, recoveryKey: install.words }));
    expect(old.message).toBe(BACKUP_MESSAGES.wrongRecoveryKey);
    await expect(unlockWithRecoveryKey({ ...options, recoveryKey: fresh.words.join(' ') })).resolves.toEqual(key);
  });

  it('on a new computer: a backup restored with the recovery key, its key stored in the keychain, opens', async () => {
    const install = await installWithData();
    const backend = await createBackend({ dataDir: install.userDataDir, key: install.key, version: 'test' });
    const backups = tempDir('tpd-unlock-backups-');
    temps.push(backups);
    await call(backend, 'backups:set-folder', { folder: backups });
    const made = await call(backend, 'backups:run-now');
    await backend.close();

    const laptop = tempDir('tpd-unlock-laptop-');
    temps.push(laptop);
    const keychain = fakeKeychain();
    const databaseFile = path.join(laptop, DATABASE_FILE_NAME);
    const { databaseKey } = await restoreIntoEmptyDataDir({
      databaseFile,
      backupFile: made.file,
      secret: { kind: 'recovery-key' as const, words: install.words },
    });
    storeDatabaseKey(keychain, laptop, databaseKey);
    const key = loadDatabaseKey({ safeStorage: keychain, userDataDir: laptop, databaseFile, platform: 'linux' });
    const restored = await createBackend({ dataDir: laptop, key, version: 'test' });
    expect((await call(restored, 'app:info')).traineeCount).toBe(1);
    await restored.close();
    expect(canUnlockWithRecoveryKey(laptop)).toBe(true);
  });

  it('is not offered before a recovery key exists', () => {
    const dir = tempDir('tpd-unlock-');
    temps.push(dir);
    expect(canUnlockWithRecoveryKey(dir)).toBe(false);
  });
});

describe('the backup schedule', () => {
  it('looks once after start and then every interval; at quit it waits for the backup but never hangs', async () => {
    vi.useFakeTimers();
    const runDailyBackupIfDue = vi.fn(async () => null);
    const stop = startDailyBackups({ runDailyBackupIfDue }, { firstCheckMs: 1000, intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(999);
    expect(runDailyBackupIfDue).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(runDailyBackupIfDue).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runDailyBackupIfDue).toHaveBeenCalledTimes(3);
    stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(runDailyBackupIfDue).toHaveBeenCalledTimes(3);

    const never = { runDailyBackupIfDue: () => new Promise<null>(() => undefined) };
    const quitting = backupBeforeQuit(never, 5000);
    await vi.advanceTimersByTimeAsync(5000);
    await expect(quitting).resolves.toBeUndefined();
  });
});

describe('the backup dialogs', () => {
  it('set the folder the user chose, change nothing when cancelled, and are refused where there is no dialog', async () => {
    const dataDir = tempDir('tpd-dialogs-');
    const chosen = tempDir('tpd-dialogs-folder-');
    temps.push(dataDir, chosen);
    const answers: Array<string | null> = [chosen, null];
    const backend = await createBackend({
      dataDir,
      key: Buffer.alloc(32, 3),
      version: 'test',
      backupFolder: path.join(dataDir, 'default-backups'),
      backupDialogs: {
        chooseFolder: async () => answers.shift() ?? null,
        chooseBackupFile: async () => path.join(chosen, 'x.tpdbackup'),
      },
    });
    try {
      expect(await call(backend, 'backups:choose-folder')).toMatchObject({ folder: chosen });
      expect(await call(backend, 'backups:choose-folder')).toBeNull();
      expect(await call(backend, 'backups:status')).toMatchObject({ folder: chosen });
      expect(await call(backend, 'backups:choose-file')).toEqual({ file: path.join(chosen, 'x.tpdbackup') });
    } finally {
      await backend.close();
    }
    const plain = await createBackend({ dataDir, key: Buffer.alloc(32, 3), version: 'test' });
    try {
      const result = await plain.dispatch('backups:choose-file', {});
      expect(result.ok ? null : result.error.code).toBe('forbidden');
    } finally {
      await plain.close();
    }
  });
});
