import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { GCM_NONCE_LENGTH, hkdfKey, KEY_LENGTH, open, sameBytes, SCRYPT_PARAMS, scryptKey, seal } from './crypto';
import { writeFileAtomic } from './atomic-file';

/**
 * A key slot holds one 32-byte key (the database key, or one file's content key) encrypted with
 * AES-256-GCM under a key derived from one secret. Slots are generic, so the key-slot file beside
 * the database, backups and (later) handover files share them:
 *
 *   master    = KDF(secret, salt)      scrypt for secrets people choose (passphrase, transfer phrase);
 *                                      HKDF-SHA-256 for secrets that are already random keys (the
 *                                      128-bit recovery key, the database key), where stretching adds nothing
 *   wrapKey   = HKDF(master, "…/wrap")
 *   check     = HKDF(master, "…/check", 16 bytes)   compared in constant time, so a wrong secret is
 *                                                    recognised before anything is decrypted
 *   wrapped   = AES-256-GCM(wrapKey, random nonce, key, AAD = what the slot is and wraps)
 */
export const SECRET_KINDS = ['recovery-key', 'passphrase', 'transfer-phrase', 'database-key'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];
export type WrappedKeyKind = 'database-key' | 'content-key';

/** Base64 of at most `bytes` bytes: no field of a slot is longer than a 64-byte salt. */
const b64 = (bytes = 64) =>
  z
    .string()
    .max(Math.ceil(bytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/);
/**
 * The shape of a slot's KDF. Its cost is checked apart (`kdfAllowed`), before any derivation, so a
 * file that asks for more work than this app ever does gets a message of its own.
 */
const kdfSchema = z.discriminatedUnion('name', [
  z.object({
    name: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: b64(),
  }),
  z.object({ name: z.literal('hkdf-sha256'), salt: b64() }),
]);

export const keySlotSchema = z.object({
  secret: z.enum(SECRET_KINDS),
  wraps: z.enum(['database-key', 'content-key']),
  kdf: kdfSchema,
  nonce: b64(GCM_NONCE_LENGTH),
  wrapped: b64(KEY_LENGTH),
  tag: b64(16),
  check: b64(16),
});
export type KeySlot = z.infer<typeof keySlotSchema>;

/**
 * The scrypt settings this app has ever written (only one: N=2^17, r=8, p=1). A slot from outside
 * (a backup's or handover's header, before anything in the file is authenticated) asking for any other
 * is refused without deriving anything: N=2^20, r=32 would take 4 GB and most of a minute.
 */
export const ALLOWED_SCRYPT_PARAMS: readonly ScryptParamsOf[] = [SCRYPT_PARAMS];
type ScryptParamsOf = { N: number; r: number; p: number };
/** More slots than any file this app writes (a backup has three: recovery key, passphrase, content key). */
export const MAX_KEY_SLOTS = 4;

export function kdfAllowed(kdf: KeySlot['kdf']): boolean {
  return kdf.name !== 'scrypt' || ALLOWED_SCRYPT_PARAMS.some((a) => a.N === kdf.N && a.r === kdf.r && a.p === kdf.p);
}

/**
 * Whether opening these slots takes no more work than a file this app writes: at most MAX_KEY_SLOTS,
 * one per secret and wrapped key, each with an allowed KDF. Checked before any key derivation.
 */
export function slotsWithinBounds(slots: readonly KeySlot[]): boolean {
  if (slots.length > MAX_KEY_SLOTS) return false;
  const kinds = new Set(slots.map((s) => `${s.secret}/${s.wraps}`));
  return kinds.size === slots.length && slots.every((s) => kdfAllowed(s.kdf));
}

export class KdfNotAllowedError extends Error {
  constructor() {
    super('Key-derivation settings this app never writes.');
    this.name = 'KdfNotAllowedError';
  }
}

export interface Secret {
  kind: SecretKind;
  /** Recovery key entropy, passphrase as NFC UTF-8, or the raw database key. */
  bytes: Buffer;
}

const INFO = 'tpd-companion/key-slot/v1';

function slotAad(slot: Pick<KeySlot, 'secret' | 'wraps'>): Buffer {
  return Buffer.from(`${INFO}/${slot.secret}/${slot.wraps}`);
}

async function master(secret: Secret, kdf: KeySlot['kdf']): Promise<Buffer> {
  // The last line of defence: every reader checks the header first, so this is for a slot that slipped by.
  if (!kdfAllowed(kdf)) throw new KdfNotAllowedError();
  const salt = Buffer.from(kdf.salt, 'base64');
  return kdf.name === 'scrypt'
    ? scryptKey(secret.bytes, salt, { N: kdf.N, r: kdf.r, p: kdf.p })
    : hkdfKey(secret.bytes, salt, `${INFO}/master`);
}

function checkValue(masterKey: Buffer): Buffer {
  return hkdfKey(masterKey, Buffer.alloc(0), `${INFO}/check`, 16);
}

export function kdfFor(kind: SecretKind): KeySlot['kdf'] {
  const salt = randomBytes(16).toString('base64');
  return kind === 'passphrase' || kind === 'transfer-phrase'
    ? { name: 'scrypt', ...SCRYPT_PARAMS, salt }
    : { name: 'hkdf-sha256', salt };
}

export async function makeSlot(secret: Secret, wraps: WrappedKeyKind, key: Buffer): Promise<KeySlot> {
  const kdf = kdfFor(secret.kind);
  const m = await master(secret, kdf);
  const sealed = seal(hkdfKey(m, Buffer.alloc(0), `${INFO}/wrap`), key, slotAad({ secret: secret.kind, wraps }));
  return {
    secret: secret.kind,
    wraps,
    kdf,
    nonce: sealed.nonce.toString('base64'),
    wrapped: sealed.ciphertext.toString('base64'),
    tag: sealed.tag.toString('base64'),
    check: checkValue(m).toString('base64'),
  };
}

export type UnwrapResult = { ok: true; key: Buffer } | { ok: false; reason: 'wrong_secret' | 'damaged' };

/** `wrong_secret` when the check value differs; `damaged` when it matches but the wrapped key fails authentication. */
export async function unwrapSlot(slot: KeySlot, secret: Secret): Promise<UnwrapResult> {
  if (slot.secret !== secret.kind) return { ok: false, reason: 'wrong_secret' };
  const m = await master(secret, slot.kdf);
  if (!sameBytes(checkValue(m), Buffer.from(slot.check, 'base64'))) return { ok: false, reason: 'wrong_secret' };
  const nonce = Buffer.from(slot.nonce, 'base64');
  if (nonce.length !== GCM_NONCE_LENGTH) return { ok: false, reason: 'damaged' };
  const key = open(
    hkdfKey(m, Buffer.alloc(0), `${INFO}/wrap`),
    { nonce, ciphertext: Buffer.from(slot.wrapped, 'base64'), tag: Buffer.from(slot.tag, 'base64') },
    slotAad(slot),
  );
  if (!key || key.length !== KEY_LENGTH) return { ok: false, reason: 'damaged' };
  return { ok: true, key };
}

/** Tries every slot for this secret; the first that opens wins. */
export async function unwrapAny(
  slots: readonly KeySlot[],
  secret: Secret,
  wraps: WrappedKeyKind,
): Promise<UnwrapResult> {
  let damaged = false;
  for (const slot of slots.filter((s) => s.secret === secret.kind && s.wraps === wraps)) {
    const result = await unwrapSlot(slot, secret);
    if (result.ok) return result;
    if (result.reason === 'damaged') damaged = true;
  }
  return { ok: false, reason: damaged ? 'damaged' : 'wrong_secret' };
}

// ---- The key-slot file beside the database ----

export const KEY_SLOT_FILE = 'tpd-companion.keyslots';

/**
 * The database key wrapped by the recovery key and, when set, by the backup passphrase. It names
 * no one and holds nothing readable without a secret; the keychain copy is only a convenience.
 */
const keySlotFileSchema = z.object({
  format: z.literal('tpd-companion-key-slots'),
  version: z.literal(1),
  recoveryKeyCreatedAt: z.string().nullable(),
  /**
   * When the user typed the current recovery key's words back. Null from the moment a key is made until
   * then; absent in files from before this was kept, whose keys count as confirmed.
   */
  recoveryKeyConfirmedAt: z.string().nullable().optional(),
  passphraseSetAt: z.string().nullable(),
  slots: z.array(keySlotSchema).max(MAX_KEY_SLOTS),
});
export type KeySlotFile = z.infer<typeof keySlotFileSchema>;

export const EMPTY_KEY_SLOT_FILE: KeySlotFile = {
  format: 'tpd-companion-key-slots',
  version: 1,
  recoveryKeyCreatedAt: null,
  passphraseSetAt: null,
  slots: [],
};

export class KeySlotFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeySlotFileError';
  }
}

export function readKeySlotFile(file: string): KeySlotFile {
  if (!fs.existsSync(file)) return EMPTY_KEY_SLOT_FILE;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new KeySlotFileError(`The key-slot file ${file} is damaged.`);
  }
  const result = keySlotFileSchema.safeParse(parsed);
  if (!result.success || !slotsWithinBounds(result.data.slots))
    throw new KeySlotFileError(`The key-slot file ${file} is damaged or from a newer version.`);
  return result.data;
}

export function writeKeySlotFile(file: string, content: KeySlotFile): void {
  writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`);
}

/** Replaces every slot of `kind` wrapping the database key with `slot` (or removes them when null). */
export function withDatabaseKeySlot(content: KeySlotFile, kind: SecretKind, slot: KeySlot | null): KeySlot[] {
  return [...content.slots.filter((s) => !(s.secret === kind && s.wraps === 'database-key')), ...(slot ? [slot] : [])];
}
