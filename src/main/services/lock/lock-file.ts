import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_LOCK_AFTER_MINUTES,
  LOCK_AFTER_CHOICES,
  PIN_MAX_DIGITS,
  PIN_MIN_DIGITS,
} from '../../../shared/lock/lock-contract';
import { writeFileAtomic } from '../backups';

/**
 * The lock's state lives in a file beside the database, not in its tables: the PIN and the count of
 * wrong tries describe this computer, so restoring a backup must not bring back an old PIN or wipe the
 * count, and a handover or subject access response has no business with them. It holds no PIN, only
 * its scrypt hash under a random salt made each time a PIN is set.
 */
export const LOCK_FILE = 'tpd-companion.lock.json';

/** The one scrypt setting a PIN is hashed with (the backups' N=2^17, r=8, p=1); the file cannot ask for another. */
export const PIN_KDF = 'scrypt-n17-r8-p1';
export const PIN_SALT_BYTES = 16;
export const PIN_HASH_BYTES = 32;

const base64Of = (bytes: number) =>
  z
    .string()
    .max(Math.ceil(bytes / 3) * 4)
    .refine((text) => Buffer.from(text, 'base64').length === bytes);

const lockFileSchema = z.strictObject({
  format: z.literal('tpd-companion-lock'),
  version: z.literal(1),
  pin: z
    .strictObject({
      kdf: z.literal(PIN_KDF),
      salt: base64Of(PIN_SALT_BYTES),
      hash: base64Of(PIN_HASH_BYTES),
      setAt: z.iso.datetime(),
    })
    .nullable(),
  /** Wrong PINs since the last right one (or the last unlock with the recovery key). */
  wrongTries: z.int().min(0).max(1_000_000),
  lastWrongAt: z.iso.datetime().nullable(),
  /** Locked when the app stopped: it starts locked again, so quitting is no way round the lock. */
  locked: z.boolean(),
  lockAfterMinutes: z.literal(LOCK_AFTER_CHOICES).nullable(),
});
export type LockFile = z.output<typeof lockFileSchema>;

export const FRESH_LOCK_FILE: LockFile = {
  format: 'tpd-companion-lock',
  version: 1,
  pin: null,
  wrongTries: 0,
  lastWrongAt: null,
  locked: false,
  lockAfterMinutes: DEFAULT_LOCK_AFTER_MINUTES,
};

/** The largest file this app writes is well under 1 kB; anything far larger is not ours. */
const MAX_LOCK_FILE_BYTES = 16 * 1024;

/**
 * The file as it stands. Missing: a fresh install. Damaged (or over-long, or from a newer version):
 * the PIN is unknown, so the app starts locked and the recovery key opens it; the next write replaces it.
 */
export function readLockFile(dataDir: string): { content: LockFile; damaged: boolean } {
  const file = path.join(dataDir, LOCK_FILE);
  if (!fs.existsSync(file)) return { content: FRESH_LOCK_FILE, damaged: false };
  try {
    if (fs.statSync(file).size > MAX_LOCK_FILE_BYTES) throw new Error('too large');
    const parsed = lockFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) return { content: parsed.data, damaged: false };
  } catch {
    // Falls through to the damaged state below.
  }
  return { content: { ...FRESH_LOCK_FILE, locked: true }, damaged: true };
}

export function writeLockFile(dataDir: string, content: LockFile): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(path.join(dataDir, LOCK_FILE), `${JSON.stringify(lockFileSchema.parse(content), null, 2)}\n`);
}

/** What a PIN must look like before it is worth hashing. */
export const PIN_PATTERN = new RegExp(`^\\d{${PIN_MIN_DIGITS},${PIN_MAX_DIGITS}}$`);
