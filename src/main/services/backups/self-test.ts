import { hkdfKey, open, sameBytes, scryptKey, seal } from './crypto';

/**
 * Known-answer tests of every primitive the backups use, from published vectors. A runtime that
 * lacks one (or computes it differently) is caught before any key slot or backup is written.
 */
export class CryptoSelfTestError extends Error {
  constructor(readonly primitive: string) {
    super(
      `This copy of TPD Companion failed its encryption self-test (${primitive}), so it will not write backups or keys. Reinstall the app; your data has not been changed.`,
    );
    this.name = 'CryptoSelfTestError';
  }
}

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

async function scryptVector(): Promise<boolean> {
  // RFC 7914 §12, second vector.
  const key = await scryptKey(Buffer.from('password'), Buffer.from('NaCl'), { N: 1024, r: 8, p: 16 }, 64);
  return sameBytes(
    key,
    hex(
      `fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640`,
    ),
  );
}

function hkdfVector(): boolean {
  // RFC 5869 appendix A.1.
  const okm = hkdfKey(hex('0b'.repeat(22)), hex('000102030405060708090a0b0c'), hex('f0f1f2f3f4f5f6f7f8f9'), 42);
  return sameBytes(okm, hex('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865'));
}

function gcmVector(): boolean {
  // The GCM specification's test case 16 (AES-256, with associated data), as used by NIST's validation suite.
  const key = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
  const nonce = hex('cafebabefacedbaddecaf888');
  const plaintext = hex(
    'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
  );
  const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  const expected = hex(
    '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
  );
  const expectedTag = hex('76fc6ece0f4e1768cddf8853bb2d551b');
  const sealed = seal(key, plaintext, aad, nonce);
  if (!sameBytes(sealed.ciphertext, expected) || !sameBytes(sealed.tag, expectedTag)) return false;
  const opened = open(key, sealed, aad);
  if (!opened || !sameBytes(opened, plaintext)) return false;
  // A changed tag must be refused, or authentication means nothing.
  const badTag = Buffer.from(expectedTag);
  badTag[0]! ^= 1;
  return open(key, { ...sealed, tag: badTag }, aad) === null;
}

function compareVector(): boolean {
  return (
    sameBytes(hex('00ff'), hex('00ff')) && !sameBytes(hex('00ff'), hex('00fe')) && !sameBytes(hex('00'), hex('0000'))
  );
}

let passed: Promise<void> | null = null;

/** Runs once per process; later calls share the first result. Throws CryptoSelfTestError. */
export function runCryptoSelfTest(): Promise<void> {
  passed ??= (async () => {
    const checks: Array<[string, () => boolean | Promise<boolean>]> = [
      ['scrypt', scryptVector],
      ['HKDF-SHA-256', hkdfVector],
      ['AES-256-GCM', gcmVector],
      ['timingSafeEqual', compareVector],
    ];
    for (const [name, check] of checks) {
      let ok = false;
      try {
        ok = await check();
      } catch {
        ok = false;
      }
      if (!ok) throw new CryptoSelfTestError(name);
    }
  })();
  // A failure is not cached, so a test that swaps a primitive can run the check again.
  passed.catch(() => (passed = null));
  return passed;
}
