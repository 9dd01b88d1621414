/**
 * Under Electron, when this computer's secure storage has lost the database key, the window starts
 * locked: every channel answers "locked" except recovery:unlock, which opens the database with the
 * recovery key and stores the key again. A mistyped or wrong key changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, DATABASE_FILE_NAME } from '../../src/main/backend';
import {
  canUnlockWithRecoveryKey,
  DatabaseKeyError,
  loadDatabaseKey,
  unlockWithRecoveryKey,
} from '../../src/main/electron/database-key';
import { LOCKED_MESSAGE, lockedBackend } from '../../src/main/electron/locked-start';
import { fakeKeychain } from '../support/fake-keychain';
import { call, tempDir } from '../support/temp-backend';
import { sha256, traineeInput } from './helpers';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const hashes = (dir: string) =>
  Object.fromEntries(fs.readdirSync(dir).map((name) => [name, sha256(path.join(dir, name))]));

describe('starting locked when the keychain has lost the database key', () => {
  it('answers only the recovery key, refuses a mistyped one without changing anything, then opens', async () => {
    const userDataDir = tempDir('tpd-locked-');
    temps.push(userDataDir);
    const safeStorage = fakeKeychain();
    const databaseFile = path.join(userDataDir, DATABASE_FILE_NAME);
    const first = await createBackend({
      dataDir: userDataDir,
      key: loadDatabaseKey({ safeStorage, userDataDir, databaseFile, platform: 'linux' }),
      version: 'test',
    });
    await call(first, 'trainees:create', traineeInput());
    const words = (await call(first, 'recovery:create-key')).words;
    await first.close();

    safeStorage.forget();
    expect(() => loadDatabaseKey({ safeStorage, userDataDir, databaseFile, platform: 'linux' })).toThrow(
      DatabaseKeyError,
    );
    expect(canUnlockWithRecoveryKey(userDataDir)).toBe(true);

    let openedKey: Buffer | null = null;
    const locked = lockedBackend(async (typed) => {
      openedKey = await unlockWithRecoveryKey({ safeStorage, userDataDir, databaseFile, recoveryKey: typed });
    });
    expect(await locked.dispatch('trainees:list', {})).toEqual({
      ok: false,
      error: { code: 'locked', message: LOCKED_MESSAGE },
    });

    const before = hashes(userDataDir);
    const mistyped = [...words.slice(0, 5), 'notaword', ...words.slice(6)].join(' ');
    expect(await locked.dispatch('recovery:unlock', { words: mistyped })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await locked.dispatch('recovery:unlock', { words: '', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(hashes(userDataDir)).toEqual(before);
    expect(openedKey).toBeNull();

    expect(await locked.dispatch('recovery:unlock', { words: words.join(' ') })).toEqual({
      ok: true,
      data: { unlocked: true },
    });
    // The key is back in the keychain: the next start opens without asking.
    const again = loadDatabaseKey({ safeStorage, userDataDir, databaseFile, platform: 'linux' });
    expect(openedKey).not.toBeNull();
    expect(again.equals(openedKey!)).toBe(true);
    const reopened = await createBackend({ dataDir: userDataDir, key: again, version: 'test' });
    expect((await call(reopened, 'app:info')).traineeCount).toBe(1);
    // Once open, recovery:unlock only checks the words.
    expect(await call(reopened, 'recovery:unlock', { words: words.join(' ') })).toEqual({ unlocked: true });
    await reopened.close();
  });
});
