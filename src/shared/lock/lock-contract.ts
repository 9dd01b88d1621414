import { z } from 'zod';
import { channel } from '../contract/define';
import { empty } from '../schema-helpers';

/**
 * The app lock: after a period without input, when the operating system locks or sleeps, or on
 * "Lock now", the window shows a lock screen and main refuses every channel but the few below
 * (`OPEN_WHILE_LOCKED`) with `locked`. A PIN (6 to 12 digits, scrypt-hashed in main) or the
 * recovery key unlocks it; wrong PINs make the next try wait, longer each time.
 */

export const PIN_MIN_DIGITS = 6;
export const PIN_MAX_DIGITS = 12;
/** The "Lock after" choices, in minutes; `null` is "Never". */
export const LOCK_AFTER_CHOICES = [1, 5, 15, 30, 60] as const;
export type LockAfterMinutes = (typeof LOCK_AFTER_CHOICES)[number];
export const DEFAULT_LOCK_AFTER_MINUTES: LockAfterMinutes = 15;
/** Wrong PINs allowed before the next try has to wait. */
export const FREE_PIN_TRIES = 5;

export const APP_LOCKED_MESSAGE = 'TPD Companion is locked. Unlock it with your PIN or your recovery key.';

export const pinSchema = z
  .string()
  .regex(/^\d*$/, { error: 'A PIN is digits only' })
  .min(PIN_MIN_DIGITS, { error: `A PIN has at least ${PIN_MIN_DIGITS} digits` })
  .max(PIN_MAX_DIGITS, { error: `A PIN has at most ${PIN_MAX_DIGITS} digits` });

const recoveryWordsSchema = z.string().trim().min(1, { error: 'Type your recovery key' }).max(400);

/** What proves it is you before the PIN changes: the current PIN, or the recovery key if it is forgotten. */
export const currentSecretSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pin'), pin: z.string().min(1, { error: 'Type your current PIN' }).max(64) }),
  z.strictObject({ kind: z.literal('recovery-key'), words: recoveryWordsSchema }),
]);
export type CurrentSecret = z.output<typeof currentSecretSchema>;

export interface LockStatus {
  locked: boolean;
  pinSet: boolean;
  /** `null`: never locks on its own. */
  lockAfterMinutes: LockAfterMinutes | null;
  /** The idle period in milliseconds as main counts it (tests shorten a minute); `null` for never. */
  idleLockMs: number | null;
  /** How long before another PIN may be tried; 0 when it may be tried now. */
  retryInMs: number;
}

export const lockChannels = {
  /** Whether the app is locked, and what the lock screen and Settings → Lock need; answers while locked. */
  'lock:status': channel(empty).returns<LockStatus>(),
  /**
   * The window saw input (a key, the pointer, scrolling). Sent at most every few seconds while the app is
   * open; main locks once none has come for the idle period. Changes nothing stored.
   */
  'lock:activity': channel(empty).returns<{ recorded: true }>(),
  /** Settings → Lock: how long without input before the app locks (`null`: never). */
  'lock:set-idle': channel(
    z.strictObject({
      minutes: z
        .literal(LOCK_AFTER_CHOICES, { error: `Choose ${LOCK_AFTER_CHOICES.join(', ')} minutes or never` })
        .nullable(),
    }),
  )
    .changes('lock')
    .returns<LockStatus>(),
  /** Sets a PIN, or changes it: `current` (the PIN or the recovery key) is needed once a PIN is set. */
  'lock:set-pin': channel(z.strictObject({ pin: pinSchema, current: currentSecretSchema.nullable() }))
    .changes('lock')
    .returns<LockStatus>(),
  /** Locks now (Ctrl+L, the menu); answers while locked. */
  'lock:now': channel(empty).changes('lock').returns<LockStatus>(),
  /** Unlocks with the PIN; a wrong one is counted, and after a few the next try has to wait. Answers while locked. */
  'lock:unlock-pin': channel(z.strictObject({ pin: z.string().min(1, { error: 'Type your PIN' }).max(64) }))
    .changes('lock')
    .returns<LockStatus>(),
  /** Unlocks with the 12 words of the recovery key (and clears the count of wrong PINs). Answers while locked. */
  'lock:unlock-recovery': channel(z.strictObject({ words: recoveryWordsSchema }))
    .changes('lock')
    .returns<LockStatus>(),
  /** Removes the PIN: the lock screen then unlocks with the recovery key only. */
  'lock:remove-pin': channel(z.strictObject({ current: currentSecretSchema }))
    .changes('lock')
    .returns<LockStatus>(),
};

export type LockChannel = keyof typeof lockChannels;

/** The only channels main answers while the app is locked; every other one answers `locked`. */
export const OPEN_WHILE_LOCKED: readonly LockChannel[] = [
  'lock:status',
  'lock:now',
  'lock:unlock-pin',
  'lock:unlock-recovery',
];

/** "30 seconds", "1 minute", "2 minutes 30 seconds", "1 hour": how long to wait, rounded up to the second. */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return plural(seconds, 'second');
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return [
    hours ? plural(hours, 'hour') : '',
    minutes ? plural(minutes, 'minute') : '',
    rest ? plural(rest, 'second') : '',
  ]
    .filter(Boolean)
    .join(' ');
}
