/**
 * The encrypted file envelope and its primitives on their own: the known-answer self-test, key
 * slots, frames in another order, and the recovery key's words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { KEY_LENGTH, randomKey } from '../../src/main/services/backups/crypto';
import {
  EnvelopeError,
  parseEnvelope,
  readEnvelopeBody,
  writeEnvelopeTemp,
} from '../../src/main/services/backups/envelope';
import { makeSlot, unwrapAny, unwrapSlot } from '../../src/main/services/backups/key-slots';
import { generateRecoveryKey, parseRecoveryKey } from '../../src/main/services/backups/recovery-key';
import { backupsToPrune, backupFileName } from '../../src/main/services/backups/rotation';
import { CryptoSelfTestError, runCryptoSelfTest } from '../../src/main/services/backups/self-test';
import { tempDir } from '../support/temp-backend';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = tempDir('tpd-envelope-');
  temps.push(dir);
  return dir;
}

describe('the crypto self-test', () => {
  it('passes the published vectors for scrypt, HKDF and AES-256-GCM on this runtime', async () => {
    await expect(runCryptoSelfTest()).resolves.toBeUndefined();
  });

  it('refuses, with a clear message, a runtime whose primitive gives another answer', async () => {
    vi.resetModules();
    vi.doMock('../../src/main/services/backups/crypto', async (importOriginal) => {
      const actual = await importOriginal<typeof import('../../src/main/services/backups/crypto')>();
      return { ...actual, hkdfKey: (...args: Parameters<typeof actual.hkdfKey>) => Buffer.alloc(args[3] ?? 32) };
    });
    const fresh = await import('../../src/main/services/backups/self-test');
    await expect(fresh.runCryptoSelfTest()).rejects.toThrow(fresh.CryptoSelfTestError);
    await expect(fresh.runCryptoSelfTest()).rejects.toThrow(/failed its encryption self-test \(HKDF-SHA-256\)/);
    vi.doUnmock('../../src/main/services/backups/crypto');
    vi.resetModules();
    expect(new CryptoSelfTestError('scrypt').message).toMatch(/will not write backups or keys/);
  });
});

describe('key slots', () => {
  it('open only with their own secret, and tell a wrong secret from a damaged slot', async () => {
    const key = randomKey();
    const secret = { kind: 'passphrase' as const, bytes: Buffer.from('a long enough passphrase') };
    const slot = await makeSlot(secret, 'database-key', key);
    expect(slot.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    const opened = await unwrapSlot(slot, secret);
    expect(opened.ok && opened.key.equals(key)).toBe(true);
    expect(await unwrapSlot(slot, { ...secret, bytes: Buffer.from('a long enough passphrasf') })).toEqual({
      ok: false,
      reason: 'wrong_secret',
    });
    const wrapped = Buffer.from(slot.wrapped, 'base64');
    wrapped[0]! ^= 1;
    expect(await unwrapSlot({ ...slot, wrapped: wrapped.toString('base64') }, secret)).toEqual({
      ok: false,
      reason: 'damaged',
    });
    const recovery = generateRecoveryKey();
    const recoverySlot = await makeSlot({ kind: 'recovery-key', bytes: recovery.entropy }, 'database-key', key);
    expect(recoverySlot.kdf.name).toBe('hkdf-sha256');
    const found = await unwrapAny(
      [slot, recoverySlot],
      { kind: 'recovery-key', bytes: recovery.entropy },
      'database-key',
    );
    expect(found.ok && found.key.length === KEY_LENGTH && found.key.equals(key)).toBe(true);
  });
});

describe('the envelope', () => {
  it('refuses frames in another order, though each is authentic on its own', () => {
    const dir = scratch();
    const source = path.join(dir, 'content.bin');
    fs.writeFileSync(
      source,
      Buffer.concat([Buffer.alloc(1024, 'a'), Buffer.alloc(1024, 'b'), Buffer.alloc(1024, 'c')]),
    );
    const contentKey = randomKey();
    const temp = writeEnvelopeTemp(path.join(dir, 'x.tpdbackup'), {
      content: 'test',
      createdAt: '2025-03-01T09:00:00.000Z',
      slots: [],
      contentKey,
      metadata: { hello: 'world' },
      sourceFile: source,
      chunkSize: 1024,
    });
    const chunks: Buffer[] = [];
    expect(readEnvelopeBody(parseEnvelope(temp), contentKey, (c) => chunks.push(c))).toEqual({ hello: 'world' });
    expect(Buffer.concat(chunks)).toEqual(fs.readFileSync(source));

    const bytes = fs.readFileSync(temp);
    const frameSize = 4 + 12 + 1024 + 16;
    const first = bytes.length - 3 * frameSize;
    const swapped = Buffer.concat([
      bytes.subarray(0, first),
      bytes.subarray(first + frameSize, first + 2 * frameSize),
      bytes.subarray(first, first + frameSize),
      bytes.subarray(first + 2 * frameSize),
    ]);
    fs.writeFileSync(temp, swapped);
    const written: Buffer[] = [];
    expect(() => readEnvelopeBody(parseEnvelope(temp), contentKey, (c) => written.push(c))).toThrow(
      new EnvelopeError('damaged'),
    );
    expect(written).toEqual([]);
  });
});

describe('the recovery key', () => {
  it('is 12 words from the BIP39 English list holding 128 bits, and reads back however it is typed', () => {
    const key = generateRecoveryKey();
    const words = key.words.split(' ');
    expect(words).toHaveLength(12);
    expect(key.entropy).toHaveLength(16);
    const sloppy = `  ${words.map((w, i) => (i % 2 ? w.toUpperCase() : w.slice(0, 4))).join(' -\n')} `;
    expect(parseRecoveryKey(sloppy).entropy).toEqual(key.entropy);
  });
});

describe('rotation', () => {
  it('never lists a file the app did not name, and keeps the newest of each day', () => {
    const at = (iso: string) => backupFileName(new Date(iso));
    const names = [
      at('2025-03-01T08:00:00.000Z'),
      at('2025-03-01T09:00:00.000Z'),
      'my own copy.tpdbackup',
      'tpd-companion-backup-notes.txt',
    ];
    expect(backupsToPrune(names)).toEqual([at('2025-03-01T08:00:00.000Z')]);
  });
});
