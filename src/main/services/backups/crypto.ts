import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The only primitives the backup and recovery code uses, all from Node's own `crypto` (which in
 * Electron is BoringSSL: no chacha20-poly1305, no argon2, so neither is used).
 */

export const KEY_LENGTH = 32;
export const GCM_NONCE_LENGTH = 12;
export const GCM_TAG_LENGTH = 16;

/** OWASP's recommended scrypt setting for human secrets. Needs ~128 MiB, above Node's 32 MiB default. */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** Room for N=2^17, r=8 (128·N·r = 128 MiB) plus the working buffers. */
function scryptMaxmem(params: ScryptParams): number {
  return 128 * params.N * params.r + 16 * 1024 * 1024;
}

export function scryptKey(secret: Buffer, salt: Buffer, params: ScryptParams, length = KEY_LENGTH): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, length, { ...params, maxmem: scryptMaxmem(params) }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export function hkdfKey(keyMaterial: Buffer, salt: Buffer, info: string | Buffer, length = KEY_LENGTH): Buffer {
  return Buffer.from(
    hkdfSync('sha256', keyMaterial, salt, typeof info === 'string' ? Buffer.from(info) : info, length),
  );
}

export function randomKey(): Buffer {
  return randomBytes(KEY_LENGTH);
}

export interface Sealed {
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** AES-256-GCM with a fresh random 96-bit nonce. */
export function seal(
  key: Buffer,
  plaintext: Buffer,
  aad: Buffer,
  nonce: Buffer = randomBytes(GCM_NONCE_LENGTH),
): Sealed {
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_LENGTH });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

/** Returns null when authentication fails: the caller decides which message that deserves. */
export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer | null {
  if (sealed.nonce.length !== GCM_NONCE_LENGTH || sealed.tag.length !== GCM_TAG_LENGTH) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce, { authTagLength: GCM_TAG_LENGTH });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
