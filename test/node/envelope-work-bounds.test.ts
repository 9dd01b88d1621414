/**
 * A file's header must not decide how hard the app works. Backups and handovers carry their key slots'
 * KDF settings in a header that nothing has authenticated yet: issue 18 found one slot asking for scrypt
 * N=2^20, r=32, p=16 took 18 s and 4.2 GB, and 32 such slots ran past 45 s. Now any setting this app
 * never writes, more than 4 slots, or two slots for one secret is refused before any derivation: a spy on
 * scrypt shows it is never called.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_MESSAGES } from '../../src/shared/backups/backup-contract';
import { HANDOVER_MESSAGES } from '../../src/shared/handover';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';
import { traineeInput } from './helpers';

// Every key derivation goes through scryptKey; counting its calls shows whether any work was done.
vi.mock('../../src/main/services/backups/crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/main/services/backups/crypto')>();
  return {
    ...actual,
    scryptKey: vi.fn(actual.scryptKey),
  };
});
const { scryptKey } = await import('../../src/main/services/backups/crypto');
const { writeHandoverEnvelope, openHandoverFile } = await import('../../src/main/services/handover/handover-file');
const { newTransferPhrase } = await import('../../src/main/services/handover/transfer-phrase');
const { collectPayload } = await import('../../src/main/services/handover/handover-service');
const { readKeySlotFile, KEY_SLOT_FILE } = await import('../../src/main/services/backups/key-slots');
const scryptCalls = vi.mocked(scryptKey);

type Slot = { secret: string; wraps: string; kdf: Record<string, unknown> } & Record<string, unknown>;
type Header = { slots: Slot[] } & Record<string, unknown>;

/** Rewrites an envelope's header as an attacker would, with a fresh header checksum so it reads as undamaged. */
function withHeader(file: string, change: (header: Header) => Header): string {
  const bytes = fs.readFileSync(file);
  const length = bytes.readUInt32BE(12);
  const header = JSON.parse(bytes.subarray(16, 16 + length).toString('utf8')) as Header;
  const newHeader = Buffer.from(JSON.stringify(change(header)), 'utf8');
  const preamble = Buffer.from(bytes.subarray(0, 16));
  preamble.writeUInt32BE(newHeader.length, 12);
  const checksum = createHash('sha256').update(preamble).update(newHeader).digest();
  const crafted = path.join(path.dirname(file), `crafted-${path.basename(file)}`);
  fs.writeFileSync(crafted, Buffer.concat([preamble, newHeader, checksum, bytes.subarray(16 + length + 32)]));
  return crafted;
}

const HEAVY = { N: 2 ** 20, r: 32, p: 16 };
const heavy = (slot: Slot): Slot => ({ ...slot, kdf: { ...slot.kdf, ...HEAVY } });

beforeEach(() => {
  scryptCalls.mockClear();
});

describe('handover headers', () => {
  let dir: string;
  let file: string;
  let phrase: string[];
  beforeEach(async () => {
    dir = tempDir('tpd-bounds-handover-');
    file = path.join(dir, 'sample.tpdhandover');
    phrase = newTransferPhrase();
    const sender = await createTempBackend();
    const trainee = await call(sender, 'trainees:create', traineeInput());
    const payload = await collectPayload(
      sender.store.db,
      { traineeIds: [trainee.id], fromName: 'Dr Sender', includePrivateNotes: false },
      { version: 'test', madeAt: new Date().toISOString() },
    );
    await sender.close();
    await writeHandoverEnvelope(file, payload, phrase, payload.madeAt);
    scryptCalls.mockClear();
  });

  it.each([
    ['one slot asking for N=2^20, r=32, p=16', (h: Header) => ({ ...h, slots: h.slots.map(heavy) })],
    ['32 such slots', (h: Header) => ({ ...h, slots: Array.from({ length: 32 }, () => heavy(h.slots[0]!)) })],
    [
      'a smaller N than the app writes',
      (h: Header) => ({ ...h, slots: [{ ...h.slots[0]!, kdf: { ...h.slots[0]!.kdf, N: 2 ** 14 } }] }),
    ],
    ['5 slots of the allowed kind', (h: Header) => ({ ...h, slots: Array.from({ length: 5 }, () => h.slots[0]!) })],
    ['two slots for the same phrase', (h: Header) => ({ ...h, slots: [h.slots[0]!, h.slots[0]!] })],
  ])('refuses %s with a message of its own, before any key derivation', async (_label, change) => {
    const crafted = withHeader(file, change);
    const started = performance.now();
    await expect(openHandoverFile(crafted, phrase.join(' '))).rejects.toMatchObject({
      code: 'invalid_input',
      message: HANDOVER_MESSAGES.tooCostly,
    });
    expect(scryptCalls).not.toHaveBeenCalled();
    // Not a timing test (scrypt was never called); a note of how quick the refusal is.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('opens the genuine file with exactly one key derivation', async () => {
    await expect(openHandoverFile(file, phrase.join(' '))).resolves.toMatchObject({ fromName: 'Dr Sender' });
    expect(scryptCalls).toHaveBeenCalledTimes(1);
    expect(scryptCalls.mock.calls[0]![2]).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });
});

describe('backup headers, through the channels', () => {
  let backend: TempBackend;
  let backup: string;
  const PASSPHRASE = 'correct horse battery staple';
  beforeEach(async () => {
    backend = await createTempBackend({ backupFolder: tempDir('tpd-bounds-backups-') });
    await call(backend, 'backups:set-passphrase', { passphrase: PASSPHRASE });
    backup = (await call(backend, 'backups:run-now')).file;
    scryptCalls.mockClear();
  });
  afterEach(() => backend.close());

  it('refuses a passphrase slot asking for 4 GB of scrypt, by path and by upload, without deriving anything', async () => {
    const crafted = withHeader(backup, (h) => ({
      ...h,
      slots: h.slots.map((s) => (s.secret === 'passphrase' ? heavy(s) : s)),
    }));
    const secret = { kind: 'passphrase' as const, passphrase: PASSPHRASE };
    for (const [channel, input] of [
      ['backups:inspect', { file: crafted, secret }],
      ['backups:restore', { file: crafted, secret }],
      [
        'backups:inspect-upload',
        { fileName: 'x.tpdbackup', contentBase64: fs.readFileSync(crafted).toString('base64'), secret },
      ],
    ] as const) {
      const result = await backend.dispatch(channel, input);
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'invalid_input',
          message: BACKUP_MESSAGES.tooCostly,
          fields: { file: BACKUP_MESSAGES.tooCostly },
        },
      });
    }
    expect(scryptCalls).not.toHaveBeenCalled();
    // The genuine backup still opens with the passphrase: one derivation.
    await call(backend, 'backups:inspect', { file: backup, secret });
    expect(scryptCalls).toHaveBeenCalledTimes(1);
  });

  it('refuses a key-slot file beside the database that asks for such settings', () => {
    const slotFile = path.join(backend.dataDir, KEY_SLOT_FILE);
    const content = JSON.parse(fs.readFileSync(slotFile, 'utf8')) as Header;
    fs.writeFileSync(slotFile, JSON.stringify({ ...content, slots: content.slots.map(heavy) }));
    expect(() => readKeySlotFile(slotFile)).toThrow(/damaged or from a newer version/);
    expect(scryptCalls).not.toHaveBeenCalled();
  });
});
