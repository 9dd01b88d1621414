import { randomBytes } from 'node:crypto';
import {
  APP_LOCKED_MESSAGE,
  formatWait,
  FREE_PIN_TRIES,
  OPEN_WHILE_LOCKED,
  type CurrentSecret,
  type LockAfterMinutes,
  type LockStatus,
} from '../../../shared/lock/lock-contract';
import { AppError } from '../../../shared/result';
import type { EventBus } from '../../event-bus';
import { sameBytes, SCRYPT_PARAMS, scryptKey } from '../backups';
import {
  PIN_HASH_BYTES,
  PIN_KDF,
  PIN_PATTERN,
  PIN_SALT_BYTES,
  readLockFile,
  writeLockFile,
  type LockFile,
} from './lock-file';

/** After the free tries, the first wait; each wrong PIN after it doubles the wait, up to an hour. */
export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 60 * 60_000;

/** How long the next PIN try must wait after `wrongTries` wrong ones in a row. */
export function waitAfterWrongTries(wrongTries: number): number {
  if (wrongTries < FREE_PIN_TRIES) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** Math.min(wrongTries - FREE_PIN_TRIES, 20), MAX_WAIT_MS);
}

export type LockReason = 'idle' | 'system' | 'manual';

export interface LockServiceOptions {
  dataDir: string;
  events: EventBus;
  now: () => Date;
  /** The recovery key: whether one has been made, and a check of typed words (AppErrors say what is wrong). */
  recoveryKey: { exists(): boolean; check(words: string): Promise<unknown> };
  /** How long a minute of the idle period lasts: a minute, except where a test shortens it. */
  minuteMs?: number;
}

export type LockService = ReturnType<typeof createLockService>;

const OPEN = new Set<string>(OPEN_WHILE_LOCKED);

async function hashPin(pin: string, salt: Buffer): Promise<Buffer> {
  return scryptKey(Buffer.from(pin, 'utf8'), salt, SCRYPT_PARAMS, PIN_HASH_BYTES);
}

/** `field`: `pin` on the lock screen, `current.pin` when the PIN is being changed or removed. */
const pinError = (message: string, field: string, code: 'forbidden' | 'invalid_input' = 'forbidden') =>
  new AppError(code, message, { [field]: message });

/**
 * The app lock, kept in main so that neither a renderer bug nor a second browser tab can read data
 * while it is locked: `refuses(channel)` is asked before every call. The window reports input
 * (`activity`); once none has come for the idle period, the lock closes by itself. It only closes
 * once there is a way to open it again (a PIN, or a recovery key the user has been through first
 * start with: the window reports activity only from the app itself, never from the first-start steps).
 */
export function createLockService(options: LockServiceOptions) {
  const { dataDir, events, now } = options;
  const minuteMs = options.minuteMs ?? 60_000;
  const loaded = readLockFile(dataDir);
  if (loaded.damaged) console.error('[lock] The lock file is damaged: starting locked; the recovery key opens it.');
  let state: LockFile = loaded.content;
  // A lock left on when the app stopped stays on, as long as something can open it.
  let locked = state.locked && (state.pin !== null || options.recoveryKey.exists());
  let armed = false;
  let lastActivity = now().getTime();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const save = (next: LockFile) => {
    writeLockFile(dataDir, next);
    state = next;
  };
  const idleMs = () => (state.lockAfterMinutes === null ? null : state.lockAfterMinutes * minuteMs);
  const retryInMs = () => {
    const wait = waitAfterWrongTries(state.wrongTries);
    if (wait === 0 || state.lastWrongAt === null) return 0;
    // A clock set back never makes the wait longer than the wait itself.
    return Math.min(wait, Math.max(0, new Date(state.lastWrongAt).getTime() + wait - now().getTime()));
  };

  function status(): LockStatus {
    return {
      locked,
      pinSet: state.pin !== null,
      lockAfterMinutes: state.lockAfterMinutes,
      idleLockMs: idleMs(),
      retryInMs: state.pin ? retryInMs() : 0,
    };
  }

  function stopTimer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  /** Wakes up when the idle period would end; input since then only moves the deadline. */
  function schedule(): void {
    stopTimer();
    const period = idleMs();
    if (locked || !armed || period === null) return;
    const due = lastActivity + period - now().getTime();
    timer = setTimeout(
      () => {
        timer = null;
        if (now().getTime() - lastActivity >= period) lock('idle');
        else schedule();
      },
      Math.max(0, due),
    );
    timer.unref?.();
  }

  function canLock(): boolean {
    return state.pin !== null || (armed && options.recoveryKey.exists());
  }

  function setLocked(value: boolean): void {
    locked = value;
    save({ ...state, locked: value });
    events.emit('lock-changed', { locked: value });
  }

  /** Locks now. `manual` says why it cannot when nothing could open it yet; the others then do nothing. */
  function lock(reason: LockReason): LockStatus {
    if (locked) return status();
    if (!canLock()) {
      if (reason === 'manual')
        throw new AppError('conflict', 'The app cannot lock until your recovery key is made and checked.');
      return status();
    }
    stopTimer();
    setLocked(true);
    return status();
  }

  function unlock(): LockStatus {
    if (locked) setLocked(false);
    lastActivity = now().getTime();
    schedule();
    return status();
  }

  /**
   * One PIN try. Counted before the slow check, so that stopping the app half way through a wrong try
   * cannot take it back; a right PIN then clears the count. Tries while a wait runs are refused unchecked.
   */
  async function tryPin(pin: string, field = 'pin'): Promise<void> {
    const saved = state.pin;
    if (!saved) throw new AppError('not_found', 'No PIN is set: unlock with your recovery key.');
    const wait = retryInMs();
    if (wait > 0) {
      throw pinError(
        `Too many wrong PINs. Wait ${formatWait(wait)}, then try again, or unlock with your recovery key.`,
        field,
      );
    }
    if (!PIN_PATTERN.test(pin)) throw pinError('A PIN is 6 to 12 digits.', field, 'invalid_input');
    const wrongTries = state.wrongTries + 1;
    save({ ...state, wrongTries, lastWrongAt: now().toISOString() });
    const typed = await hashPin(pin, Buffer.from(saved.salt, 'base64'));
    if (sameBytes(typed, Buffer.from(saved.hash, 'base64'))) {
      save({ ...state, wrongTries: 0, lastWrongAt: null });
      return;
    }
    const nextWait = waitAfterWrongTries(wrongTries);
    const left = FREE_PIN_TRIES - wrongTries;
    throw pinError(
      nextWait > 0
        ? `That PIN is not right. Wait ${formatWait(nextWait)} before the next try, or unlock with your recovery key.`
        : `That PIN is not right. ${left} more ${left === 1 ? 'try' : 'tries'} before you have to wait.`,
      field,
    );
  }

  async function tryRecoveryKey(words: string): Promise<void> {
    await options.recoveryKey.check(words);
    // The recovery key proves who you are: the wrong PINs before it no longer count.
    if (state.wrongTries > 0) save({ ...state, wrongTries: 0, lastWrongAt: null });
  }

  /** The current PIN or the recovery key, before the PIN is changed or removed. */
  async function proveCurrent(current: CurrentSecret | null): Promise<void> {
    if (!state.pin) return;
    if (!current)
      throw pinError('Type your current PIN (or use your recovery key) to change it.', 'current.pin', 'invalid_input');
    if (current.kind === 'pin') await tryPin(current.pin, 'current.pin');
    else await tryRecoveryKey(current.words);
  }

  return {
    status,
    isLocked: () => locked,
    /** True when main must answer `channel` with `locked` instead of running it. */
    refuses: (channel: string) => locked && !OPEN.has(channel),
    lock,

    activity(): { recorded: true } {
      armed = true;
      lastActivity = now().getTime();
      schedule();
      return { recorded: true };
    },

    setIdleMinutes(minutes: LockAfterMinutes | null): LockStatus {
      save({ ...state, lockAfterMinutes: minutes });
      schedule();
      // Every window reads the new period (it decides how often a window reports input).
      events.emit('lock-changed', { locked });
      return status();
    },

    async unlockWithPin(pin: string): Promise<LockStatus> {
      await tryPin(pin);
      return unlock();
    },

    async unlockWithRecoveryKey(words: string): Promise<LockStatus> {
      await tryRecoveryKey(words);
      return unlock();
    },

    async setPin(pin: string, current: CurrentSecret | null): Promise<LockStatus> {
      await proveCurrent(current);
      const salt = randomBytes(PIN_SALT_BYTES);
      const hash = await hashPin(pin, salt);
      save({
        ...state,
        pin: { kdf: PIN_KDF, salt: salt.toString('base64'), hash: hash.toString('base64'), setAt: now().toISOString() },
        wrongTries: 0,
        lastWrongAt: null,
      });
      return status();
    },

    async removePin(current: CurrentSecret): Promise<LockStatus> {
      if (!state.pin) return status();
      await proveCurrent(current);
      save({ ...state, pin: null, wrongTries: 0, lastWrongAt: null });
      return status();
    },

    /** The payload of a refused call. */
    refusal: () => ({ code: 'locked' as const, message: APP_LOCKED_MESSAGE }),

    stop: stopTimer,
  };
}
