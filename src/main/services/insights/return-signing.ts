import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { AnyInsightsReturn, ReturnSignature, SigningIdentity } from '../../../shared/insights/insights-return';
import { AppError } from '../../../shared/result';
import type { SettingsService } from '../settings';

/**
 * Returns are signed with an Ed25519 key made once per installation and kept in the encrypted
 * database, never shown. Its fingerprint is what people compare: the sender reads it out (Settings,
 * and the message after an export) and the DA lead sees it beside each return they combine. Node's
 * built-in crypto only; Ed25519 is in OpenSSL and in BoringSSL (Electron) alike, and a known-answer
 * test (RFC 8032, test 1) runs before the first key is made or used, so a runtime without it says so.
 */

/** DER prefixes of an Ed25519 PKCS#8 private key (before the 32-byte seed) and SPKI public key (before the 32 bytes). */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** Prefixed to what is signed, so a return signature can never be taken for a signature of anything else. */
const SIGNING_CONTEXT = 'tpd-companion/insights-return/signature/v1\n';

interface StoredKey {
  /** PKCS#8 DER, base64. */
  privateKey: string;
  createdAt: string;
}

let selfTested = false;
/** RFC 8032 §7.1 test 1: the seed's public key and its signature of the empty message. */
function ed25519SelfTest(): void {
  if (selfTested) return;
  const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
  const publicKey = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
  const signature =
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
  try {
    const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    const made = sign(null, Buffer.alloc(0), key).toString('hex');
    if (rawPublicKey(createPublicKey(key)).toString('hex') !== publicKey || made !== signature) throw new Error();
    if (!verify(null, Buffer.alloc(0), publicKeyFromRaw(Buffer.from(publicKey, 'hex')), Buffer.from(signature, 'hex')))
      throw new Error();
  } catch {
    throw new AppError('internal', 'This computer’s cryptography cannot sign returns (Ed25519 failed its self-test).');
  }
  selfTested = true;
}

function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Crockford's base32: no I, L, O or U, so it reads aloud without confusion. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * What people compare: the first 120 bits of SHA-256 of the public key, as 24 base32 characters in
 * six groups of four ("7KQ2 M4XD …"). Matching a chosen fingerprint would take about 2^120 tries.
 */
export function keyFingerprint(publicKeyRaw: Buffer): string {
  const digest = createHash('sha256').update(publicKeyRaw).digest().subarray(0, 15);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join(' ');
}

/** JSON with every object's keys in sorted order, so the same return always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The bytes a signature covers: every field of the return but the signature itself, of any minor version. */
function signedBytes(record: Omit<AnyInsightsReturn, 'signature'> & { signature?: unknown }): Buffer {
  const { signature: _signature, ...rest } = record;
  return Buffer.from(SIGNING_CONTEXT + canonicalJson(rest), 'utf8');
}

export function createReturnSigner(settings: SettingsService, now: () => Date) {
  async function key(): Promise<{ privateKey: KeyObject; publicKeyRaw: Buffer; createdAt: string }> {
    ed25519SelfTest();
    const stored = JSON.parse(
      await settings.keepInstallationValue('returnSigningKey', () => {
        const { privateKey } = generateKeyPairSync('ed25519');
        const made: StoredKey = {
          privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
          createdAt: now().toISOString(),
        };
        return JSON.stringify(made);
      }),
    ) as StoredKey;
    const privateKey = createPrivateKey({
      key: Buffer.from(stored.privateKey, 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
    return { privateKey, publicKeyRaw: rawPublicKey(createPublicKey(privateKey)), createdAt: stored.createdAt };
  }

  return {
    /** This installation's fingerprint, or null before its first return (the key is made then). */
    async identity(): Promise<SigningIdentity | null> {
      const stored = await settings.installationValue('returnSigningKey');
      if (stored === null) return null;
      const { privateKey, createdAt } = JSON.parse(stored) as StoredKey;
      const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
      return { fingerprint: keyFingerprint(rawPublicKey(createPublicKey(key))), createdAt };
    },

    /** Signs a return (everything in it but the signature); makes the installation's key the first time. */
    async sign(
      record: Omit<AnyInsightsReturn, 'signature'>,
    ): Promise<{ signature: ReturnSignature; fingerprint: string }> {
      const { privateKey, publicKeyRaw } = await key();
      return {
        signature: {
          algorithm: 'Ed25519',
          publicKey: publicKeyRaw.toString('base64'),
          value: sign(null, signedBytes(record), privateKey).toString('base64'),
        },
        fingerprint: keyFingerprint(publicKeyRaw),
      };
    },
  };
}

/**
 * Checks a return's signature against the public key it carries. A match proves the return is unchanged
 * since the holder of that key signed it, and nothing about who that is: only the fingerprint, checked
 * with the sender by another route, ties the key to a person.
 */
export function verifyReturnSignature(record: AnyInsightsReturn & { signature: ReturnSignature }): string | null {
  ed25519SelfTest();
  const raw = Buffer.from(record.signature.publicKey, 'base64');
  const value = Buffer.from(record.signature.value, 'base64');
  if (raw.length !== 32 || value.length !== 64) return null;
  try {
    return verify(null, signedBytes(record), publicKeyFromRaw(raw), value) ? keyFingerprint(raw) : null;
  } catch {
    return null;
  }
}
