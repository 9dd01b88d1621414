/**
 * The app lock in main: the PIN's hash, the waits after wrong PINs (kept across a restart), the
 * recovery key, the idle period, every channel refused while locked, and the powerMonitor glue.
 */
import { scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lockWithSystem } from '../../src/main/electron/system-lock';
import { EventBus } from '../../src/main/event-bus';
import { LOCK_FILE } from '../../src/main/services/lock/lock-file';
import { createLockService } from '../../src/main/services/lock';
import { CHANNEL_NAMES } from '../../src/shared/contract';
import { APP_LOCKED_MESSAGE, OPEN_WHILE_LOCKED, formatWait } from '../../src/shared/lock';
import { AppError } from '../../src/shared/result';
import { powerMonitor } from '../support/fake-electron';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';
import { traineeInput } from './helpers';

const PIN = '482915';

afterEach(() => {
  vi.useRealTimers();
  powerMonitor.removeAllListeners();
});

/** A lock service on its own, with a clock the test moves and a recovery key that is "correct horse". */
function lockOn(dataDir: string, clock: { at: number }, options: { recoveryKey?: boolean } = {}) {
  const events = new EventBus();
  const changes: boolean[] = [];
  events.subscribe((name, payload) => {
    if (name === 'lock-changed') changes.push((payload as { locked: boolean }).locked);
  });
  const lock = createLockService({
    dataDir,
    events,
    now: () => new Date(clock.at),
    recoveryKey: {
      exists: () => options.recoveryKey ?? true,
      check: async (words) => {
        if (words !== 'correct horse') throw new AppError('forbidden', 'Not the recovery key.');
      },
    },
    minuteMs: 1000,
  });
  return { lock, changes };
}

/** The message of the AppError a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error('Expected a refusal');
}

describe('the PIN', () => {
  it('is kept only as a scrypt hash under a fresh random salt, and never leaves main', async () => {
    const dir = tempDir('tpd-lock-');
    const { lock } = lockOn(dir, { at: Date.parse('2026-03-02T09:00:00Z') });
    const status = await lock.setPin(PIN, null);
    expect(status).toEqual({ locked: false, pinSet: true, lockAfterMinutes: 15, idleLockMs: 15_000, retryInMs: 0 });

    const file = path.join(dir, LOCK_FILE);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(PIN);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(text).pin as { kdf: string; salt: string; hash: string };
    expect(saved.kdf).toBe('scrypt-n17-r8-p1');
    const expected = scryptSync(PIN, Buffer.from(saved.salt, 'base64'), 32, {
      N: 2 ** 17,
      r: 8,
      p: 1,
      maxmem: 256 * 1024 * 1024,
    });
    expect(Buffer.from(saved.hash, 'base64').equals(expected)).toBe(true);

    // The same PIN set again gets a new salt, so the two hashes share nothing.
    await lock.setPin(PIN, { kind: 'pin', pin: PIN });
    const again = JSON.parse(fs.readFileSync(file, 'utf8')).pin as { salt: string; hash: string };
    expect(again.salt).not.toBe(saved.salt);
    expect(again.hash).not.toBe(saved.hash);
  });

  it('is changed or removed only with the current PIN or the recovery key', async () => {
    const dir = tempDir('tpd-lock-');
    const { lock } = lockOn(dir, { at: Date.parse('2026-03-02T09:00:00Z') });
    await lock.setPin(PIN, null);
    expect(await refusal(lock.setPin('111111', null))).toMatch(/current PIN/);
    expect(await refusal(lock.setPin('111111', { kind: 'pin', pin: '000000' }))).toMatch(/not right/);
    expect(await refusal(lock.removePin({ kind: 'recovery-key', words: 'wrong words' }))).toBe('Not the recovery key.');
    await lock.setPin('111111', { kind: 'recovery-key', words: 'correct horse' });
    expect(await refusal(lock.unlockWithPin(PIN))).toMatch(/not right/);
    expect((await lock.removePin({ kind: 'pin', pin: '111111' })).pinSet).toBe(false);
  });
});

describe('wrong PINs', () => {
  it('allow five tries, then make each next try wait, twice as long each time, across a restart', async () => {
    const dir = tempDir('tpd-lock-');
    const clock = { at: Date.parse('2026-03-02T09:00:00Z') };
    const first = lockOn(dir, clock).lock;
    await first.setPin(PIN, null);
    first.activity();
    first.lock('manual');

    const messages: string[] = [];
    for (let i = 0; i < 5; i++) messages.push(await refusal(first.unlockWithPin('000000')));
    expect(messages).toEqual([
      'That PIN is not right. 4 more tries before you have to wait.',
      'That PIN is not right. 3 more tries before you have to wait.',
      'That PIN is not right. 2 more tries before you have to wait.',
      'That PIN is not right. 1 more try before you have to wait.',
      'That PIN is not right. Wait 30 seconds before the next try, or unlock with your recovery key.',
    ]);
    // While the wait runs even the right PIN is refused, unchecked.
    expect(await refusal(first.unlockWithPin(PIN))).toBe(
      'Too many wrong PINs. Wait 30 seconds, then try again, or unlock with your recovery key.',
    );
    clock.at += 29_500;
    expect(await refusal(first.unlockWithPin(PIN))).toMatch(/^Too many wrong PINs\. Wait 1 second,/);
    clock.at += 500;
    expect(await refusal(first.unlockWithPin('000000'))).toMatch(/Wait 1 minute before the next try/);
    expect(first.status()).toMatchObject({ locked: true, retryInMs: 60_000 });

    // A reload of the window changes nothing in main; a restart of the app reads the count back.
    const restarted = lockOn(dir, clock).lock;
    expect(restarted.status()).toMatchObject({ locked: true, pinSet: true, retryInMs: 60_000 });
    expect(await refusal(restarted.unlockWithPin(PIN))).toMatch(/Wait 1 minute,/);
    clock.at += 60_000;
    expect(await refusal(restarted.unlockWithPin('000000'))).toMatch(/Wait 2 minutes before the next try/);
    clock.at += 120_000;

    // The right PIN opens it and clears the count: the next wrong one is free again.
    expect(await restarted.unlockWithPin(PIN)).toMatchObject({ locked: false, retryInMs: 0 });
    expect(await refusal(restarted.unlockWithPin('000000'))).toMatch(/4 more tries/);
  });

  it('are counted before the slow check, so stopping the app half way does not take one back', async () => {
    const dir = tempDir('tpd-lock-');
    const clock = { at: Date.parse('2026-03-02T09:00:00Z') };
    const { lock } = lockOn(dir, clock);
    await lock.setPin(PIN, null);
    const checking = lock.unlockWithPin('000000');
    // Before the scrypt check has answered, the try is already on disk.
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).wrongTries).toBe(1);
    await refusal(checking);
  });

  it('grow up to an hour at most, and format as a person would say them', async () => {
    const { waitAfterWrongTries } = await import('../../src/main/services/lock/lock-service');
    expect([4, 5, 6, 7, 10, 11, 12, 40].map(waitAfterWrongTries)).toEqual([
      0, 30_000, 60_000, 120_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
    expect([999, 1000, 59_001, 60_000, 150_000, 3_600_000].map(formatWait)).toEqual([
      '1 second',
      '1 second',
      '1 minute',
      '1 minute',
      '2 minutes 30 seconds',
      '1 hour',
    ]);
  });

  it('are forgotten once the recovery key opens the app', async () => {
    const dir = tempDir('tpd-lock-');
    const clock = { at: Date.parse('2026-03-02T09:00:00Z') };
    const { lock } = lockOn(dir, clock);
    await lock.setPin(PIN, null);
    lock.activity();
    lock.lock('manual');
    for (let i = 0; i < 5; i++) await refusal(lock.unlockWithPin('000000'));
    expect(lock.status().retryInMs).toBe(30_000);
    expect(await refusal(lock.unlockWithRecoveryKey('wrong words'))).toBe('Not the recovery key.');
    expect(lock.isLocked()).toBe(true);
    expect(await lock.unlockWithRecoveryKey('correct horse')).toMatchObject({ locked: false, retryInMs: 0 });
  });
});

describe('locking', () => {
  it('closes after the idle period without input, not before, and not at all on “never”', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const dir = tempDir('tpd-lock-');
    const clock = { at: Date.parse('2026-03-02T09:00:00Z') };
    const { lock, changes } = lockOn(dir, clock);
    const pass = (ms: number) => {
      clock.at += ms;
      vi.advanceTimersByTime(ms);
    };
    lock.setIdleMinutes(1); // 1 s in this test's minutes
    // Windows hear of the new period, to report input often enough for it.
    expect(changes).toEqual([false]);
    lock.activity();
    pass(900);
    lock.activity();
    pass(900);
    expect(lock.isLocked()).toBe(false);
    pass(100);
    expect(lock.isLocked()).toBe(true);
    expect(changes).toEqual([false, true]);

    await lock.unlockWithRecoveryKey('correct horse');
    lock.setIdleMinutes(null);
    pass(3_600_000);
    expect(lock.isLocked()).toBe(false);
    expect(changes).toEqual([false, true, false, false]);
  });

  it('waits for the app to have been shown before it locks with only a recovery key to open it', () => {
    const dir = tempDir('tpd-lock-');
    const clock = { at: Date.parse('2026-03-02T09:00:00Z') };
    // Before the recovery key exists, or before first start is over, nothing could open it.
    const { lock } = lockOn(dir, clock, { recoveryKey: false });
    expect(() => lock.lock('manual')).toThrow(/cannot lock until your recovery key/);
    expect(lock.lock('system').locked).toBe(false);
    const withKey = lockOn(dir, clock).lock;
    expect(withKey.lock('system').locked).toBe(false);
    withKey.activity();
    expect(withKey.lock('system').locked).toBe(true);
  });

  it('stays locked across a restart, so quitting is no way round it', async () => {
    const dir = tempDir('tpd-lock-');
    const clock = { at: Date.parse('2026-03-02T09:00:00Z') };
    const { lock } = lockOn(dir, clock);
    lock.activity();
    lock.lock('manual');
    expect(lockOn(dir, clock).lock.isLocked()).toBe(true);
    await lockOn(dir, clock).lock.unlockWithRecoveryKey('correct horse');
    expect(lockOn(dir, clock).lock.isLocked()).toBe(false);
  });

  it('starts locked when its file is damaged, and the recovery key opens it', async () => {
    const dir = tempDir('tpd-lock-');
    fs.writeFileSync(path.join(dir, LOCK_FILE), '{"format":"tpd-companion-lock","version":1,"pin":');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { lock } = lockOn(dir, { at: Date.parse('2026-03-02T09:00:00Z') });
    expect(lock.status()).toMatchObject({ locked: true, pinSet: false });
    expect(error).toHaveBeenCalledWith(expect.not.stringContaining('"pin"'));
    error.mockRestore();
    expect((await lock.unlockWithRecoveryKey('correct horse')).locked).toBe(false);
  });
});

describe('a locked backend', () => {
  let backend: TempBackend | null = null;
  afterEach(async () => {
    await backend?.close();
    backend = null;
  });

  it('answers every channel but the lock’s own with `locked`, before reading the input', async () => {
    backend = await createTempBackend();
    const trainee = await call(backend, 'trainees:create', traineeInput({ givenName: 'Imogen', familyName: 'Zabala' }));
    const words = (await call(backend, 'recovery:create-key')).words.join(' ');
    await call(backend, 'lock:activity');
    const events: unknown[] = [];
    backend.events.subscribe((name, payload) => events.push([name, payload]));
    expect((await call(backend, 'lock:now')).locked).toBe(true);
    expect(events).toEqual([['lock-changed', { locked: true }]]);

    const answered: string[] = [];
    for (const name of CHANNEL_NAMES) {
      const result = await backend.dispatch(name, { anything: 'at all' });
      if (result.ok || result.error.code !== 'locked') answered.push(name);
      else expect(result.error.message).toBe(APP_LOCKED_MESSAGE);
    }
    // The open ones still check their input; none of them names a trainee.
    expect(answered.sort()).toEqual([...OPEN_WHILE_LOCKED].sort());
    expect(await backend.dispatch('trainees:get', { id: trainee.id })).toEqual({
      ok: false,
      error: { code: 'locked', message: APP_LOCKED_MESSAGE },
    });
    expect(await backend.dispatch('trainees:archive', { id: trainee.id, archived: true })).toMatchObject({
      error: { code: 'locked' },
    });
    expect(await call(backend, 'lock:status')).toEqual({
      locked: true,
      pinSet: false,
      lockAfterMinutes: 15,
      idleLockMs: 900_000,
      retryInMs: 0,
    });

    // No PIN is set: the recovery key opens it. A mistyped word and another key each say so.
    const mistyped = words.replace(/^\S+/, 'notaword');
    expect(await backend.dispatch('lock:unlock-recovery', { words: mistyped })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await backend.dispatch('lock:unlock-pin', { pin: PIN })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'No PIN is set: unlock with your recovery key.' },
    });
    expect((await call(backend, 'lock:unlock-recovery', { words })).locked).toBe(false);
    expect(events.at(-1)).toEqual(['lock-changed', { locked: false }]);
    const after = await call(backend, 'trainees:get', { id: trainee.id });
    expect(after.familyName).toBe('Zabala');
    expect(after.archivedAt).toBeNull();
  });

  it('locks when the system locks the screen or sleeps (powerMonitor, through the Electron glue)', async () => {
    backend = await createTempBackend();
    const words = (await call(backend, 'recovery:create-key')).words.join(' ');
    await call(backend, 'lock:activity');
    const open = backend;
    const stop = lockWithSystem(() => open.lock.lock('system'));
    powerMonitor.emit('lock-screen');
    expect((await call(backend, 'lock:status')).locked).toBe(true);
    await call(backend, 'lock:unlock-recovery', { words });
    powerMonitor.emit('suspend');
    expect((await call(backend, 'lock:status')).locked).toBe(true);
    await call(backend, 'lock:unlock-recovery', { words });

    stop();
    expect(powerMonitor.listenerCount('lock-screen') + powerMonitor.listenerCount('suspend')).toBe(0);
    powerMonitor.emit('lock-screen');
    expect((await call(backend, 'lock:status')).locked).toBe(false);
  });
});
