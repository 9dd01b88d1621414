/**
 * Backups and restore end to end, over real encrypted databases: round trips with the recovery key
 * and the passphrase, every kind of bad file or secret refused with its own message and nothing
 * changed, no names or notes in plain text in any file written, and rotation with a moved clock.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend, DATABASE_FILE_NAME, type Backend } from '../../src/main/backend';
import { restoreIntoEmptyDataDir } from '../../src/main/services/backups/restore';
import { KEY_SLOT_FILE } from '../../src/main/services/backups/key-slots';
import { BACKUP_STATE_FILE } from '../../src/main/services/backups/backup-service';
import { ENVELOPE_MAGIC } from '../../src/main/services/backups/envelope';
import { BACKUP_MESSAGES, type BackupMade } from '../../src/shared/backups/backup-contract';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';
import { containsPlainText, listDir, manualClock, openRaw, sha256 } from './helpers';

const temps: string[] = [];
function scratch(prefix = 'tpd-backups-'): string {
  const dir = tempDir(prefix);
  temps.push(dir);
  return dir;
}
const open: Backend[] = [];
afterEach(async () => {
  for (const backend of open.splice(0)) await backend.close();
});
afterAll(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const PASSPHRASE = 'correct horse battery staple';

interface Sample {
  backend: TempBackend;
  words: string;
  backup: BackupMade;
  folder: string;
  meeting: { id: string; shared_summary: string; private_notes: string };
  trainee: { given_name: string; family_name: string; gmc_number: string };
}

let sample: Sample;

/** A register with the standard demo data, a recovery key, a passphrase and one backup. */
beforeAll(async () => {
  const backend = await createTempBackend({ dataDir: scratch() });
  temps.push(backend.dataDir);
  await call(backend, 'demo:load', { size: 'standard' });
  const folder = scratch('tpd-backup-folder-');
  await call(backend, 'backups:set-folder', { folder });
  const key = await call(backend, 'recovery:create-key');
  await call(backend, 'backups:set-passphrase', { passphrase: PASSPHRASE });
  const backup = await call(backend, 'backups:run-now');
  // Names of six letters or more: a two- or three-letter name ("Li", "Ali") turns up by chance
  // somewhere in a megabyte of ciphertext, and the plain-text scan below would fail on noise.
  const row = await backend.store.db
    .selectFrom('meetings')
    .innerJoin('trainees', 'trainees.id', 'meetings.trainee_id')
    .select([
      'meetings.id',
      'meetings.shared_summary',
      'meetings.private_notes',
      'trainees.given_name',
      'trainees.family_name',
      'trainees.gmc_number',
    ])
    .where('meetings.private_notes', '!=', '')
    .where('meetings.shared_summary', '!=', '')
    .where(sql<number>`length(trainees.given_name)`, '>=', 6)
    .where(sql<number>`length(trainees.family_name)`, '>=', 6)
    .orderBy('meetings.id')
    .executeTakeFirstOrThrow();
  const meeting = { id: row.id, shared_summary: row.shared_summary, private_notes: row.private_notes };
  const trainee = { given_name: row.given_name, family_name: row.family_name, gmc_number: row.gmc_number };
  sample = { backend, words: key.words.join(' '), backup, folder, meeting, trainee };
}, 60_000);
afterAll(async () => {
  await sample.backend.close();
});

async function meetingIn(backend: Backend, id: string) {
  return backend.store.db
    .selectFrom('meetings')
    .select(['shared_summary', 'private_notes'])
    .where('id', '=', id)
    .executeTakeFirst();
}

function damagedCopy(name: string, change: (bytes: Buffer) => Buffer): string {
  const file = path.join(scratch('tpd-bad-'), name);
  fs.writeFileSync(file, change(fs.readFileSync(sample.backup.file)));
  return file;
}

/** Where each frame starts: after the 16-byte preamble, the header and its 32-byte checksum. */
function frameStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  for (let at = 16 + bytes.readUInt32BE(12) + 32; at < bytes.length; at += 4 + 12 + bytes.readUInt32BE(at) + 16)
    starts.push(at);
  return starts;
}

function flipAt(position: (length: number) => number) {
  return (bytes: Buffer) => {
    const copy = Buffer.from(bytes);
    copy[position(copy.length)]! ^= 0x01;
    return copy;
  };
}

/** A word list that passes as words but fails BIP39's checksum: one word swapped for another. */
function withBadChecksum(words: string): string {
  const list = words.split(' ');
  for (const candidate of wordlist) {
    const changed = [...list.slice(0, 11), candidate].join(' ');
    if (candidate !== list[11] && !validateMnemonic(changed, wordlist)) return changed;
  }
  throw new Error('unreachable: most last words fail the checksum');
}

async function errorOf(backend: Backend, channel: string, input: unknown) {
  const result = await backend.dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

describe('a backup', () => {
  it('is listed with its size, counts and time, and the last success is recorded', async () => {
    const status = await call(sample.backend, 'backups:status');
    expect(status.folder).toBe(sample.folder);
    expect(status.lastSuccessFile).toBe(sample.backup.file);
    expect(status.overdue).toBe(false);
    expect(status.passphraseSet).toBe(true);
    expect(status.recoveryKeyCreatedAt).not.toBeNull();
    expect(status.backups.map((b) => b.file)).toEqual([sample.backup.file]);
    expect(sample.backup.counts.trainees).toBe(60);
    expect(sample.backup.counts.meetings).toBeGreaterThan(0);
    expect(sample.backup.counts.goals).toBeGreaterThan(0);
    expect(sample.backup.counts.examAttempts).toBeGreaterThan(0);
    expect(sample.backup.counts.arcpRecords).toBeGreaterThan(0);
    expect(path.basename(sample.backup.file)).toMatch(/^tpd-companion-backup-.*\.tpdbackup$/);
    expect(fs.readFileSync(sample.backup.file).subarray(0, 8)).toEqual(ENVELOPE_MAGIC);
  });

  it('shows what it holds when checked with the recovery key or the passphrase', async () => {
    for (const secret of [
      { kind: 'recovery-key' as const, words: sample.words.toUpperCase().replace(/ /g, ', ') },
      { kind: 'passphrase' as const, passphrase: PASSPHRASE },
    ]) {
      const preview = await call(sample.backend, 'backups:inspect', {
        file: sample.backup.file,
        secret,
      });
      expect(preview).toMatchObject({ appVersion: 'test', formatVersion: '1.0', needsUpdate: false });
      expect(preview.counts).toEqual(sample.backup.counts);
      expect(preview.createdAt).toBe(sample.backup.createdAt);
    }
  });
});

describe('restoring', () => {
  it('into a fresh data folder with the recovery key brings back every record and the same recovery key', async () => {
    const dataDir = scratch();
    const { databaseKey, preview } = await restoreIntoEmptyDataDir({
      databaseFile: path.join(dataDir, DATABASE_FILE_NAME),
      backupFile: sample.backup.file,
      secret: { kind: 'recovery-key' as const, words: sample.words },
    });
    expect(preview.counts).toEqual(sample.backup.counts);
    const restored = await createBackend({ dataDir, key: databaseKey, version: 'test' });
    open.push(restored);
    expect((await call(restored, 'app:info')).traineeCount).toBe(60);
    expect(await meetingIn(restored, sample.meeting.id)).toEqual({
      shared_summary: sample.meeting.shared_summary,
      private_notes: sample.meeting.private_notes,
    });
    await expect(call(restored, 'recovery:check-key', { words: sample.words })).resolves.toEqual({ matches: true });
    expect((await call(restored, 'backups:status')).passphraseSet).toBe(true);
  });

  it('over another database with the passphrase keeps that one as a pre-restore copy and reopens on the backup', async () => {
    const receiving = await createTempBackend({ dataDir: scratch() });
    await call(receiving, 'trainees:create', {
      givenName: 'Ottoline',
      familyName: 'Varga',
      gmcNumber: '7654321',
      programme: 'GP - Southtown VTS',
      grade: 'ST1',
      programmeStartDate: '07/08/2025',
      expectedCctDate: '06/08/2028',
      wte: '1',
    });
    const outcome = await call(receiving, 'backups:restore', {
      file: sample.backup.file,
      secret: { kind: 'passphrase' as const, passphrase: PASSPHRASE },
    });
    expect(outcome.counts).toEqual(sample.backup.counts);
    expect((await call(receiving, 'app:info')).traineeCount).toBe(60);
    expect(await meetingIn(receiving, sample.meeting.id)).toEqual({
      shared_summary: sample.meeting.shared_summary,
      private_notes: sample.meeting.private_notes,
    });
    // The backup was made under another database key: the restored data now uses this computer's key.
    await receiving.close();
    const reopened = await createBackend({ dataDir: receiving.dataDir, key: receiving.key, version: 'test' });
    open.push(reopened);
    expect((await call(reopened, 'app:info')).traineeCount).toBe(60);
    // The data it replaced is kept, whole, beside it.
    expect(path.dirname(outcome.preRestoreCopy!)).toBe(receiving.dataDir);
    const previous = openRaw(outcome.preRestoreCopy!, receiving.key);
    const names = previous.prepare('SELECT family_name FROM trainees').all();
    previous.close();
    expect(names).toEqual([{ family_name: 'Varga' }]);
  });
});

describe('a bad backup or secret is refused with its own message and changes nothing', () => {
  let receiving: TempBackend;
  let hashes: () => Record<string, string>;
  beforeAll(async () => {
    receiving = await createTempBackend({ dataDir: scratch() });
    await call(receiving, 'recovery:create-key');
    const dir = receiving.dataDir;
    hashes = () => Object.fromEntries(listDir(dir).map((name) => [name, sha256(path.join(dir, name))]));
  });
  afterAll(async () => {
    await receiving.close();
  });

  const restoreWith = async (file: string, secret: unknown) => {
    const before = hashes();
    const inspect = await errorOf(receiving, 'backups:inspect', { file, secret });
    const restore = await errorOf(receiving, 'backups:restore', { file, secret });
    expect(restore).toEqual(inspect);
    expect(hashes()).toEqual(before);
    return restore;
  };
  // The recovery key (HKDF) keeps these quick; the passphrase (scrypt) has its own cases below.
  const recoveryKey = () => ({ kind: 'recovery-key' as const, words: sample.words });

  it.each([
    ['a flipped byte at the start', flipAt(() => 3)],
    ['a flipped byte in the header', flipAt(() => 40)],
    ['a flipped byte in the middle', flipAt((n) => Math.floor(n / 2))],
    ['a flipped byte at the end', flipAt((n) => n - 1)],
    ['the last 100 bytes cut off', (b: Buffer) => b.subarray(0, b.length - 100)],
    ['the last frame cut off', (b: Buffer) => b.subarray(0, frameStarts(b).at(-1))],
    ['bytes added at the end', (b: Buffer) => Buffer.concat([b, randomBytes(40)])],
  ])('%s: damaged', async (_label, change) => {
    const error = await restoreWith(damagedCopy('damaged.tpdbackup', change), recoveryKey());
    expect(error).toMatchObject({ code: 'invalid_input', message: BACKUP_MESSAGES.damaged });
  });

  it('a wrong passphrase or another valid recovery key: wrong secret', async () => {
    const wrong = await restoreWith(sample.backup.file, {
      kind: 'passphrase',
      passphrase: 'correct horse battery stapler',
    });
    expect(wrong).toMatchObject({ code: 'forbidden', message: BACKUP_MESSAGES.wrongSecret });
    const other = (await call(receiving, 'recovery:create-key')).words.join(' ');
    const otherKey = await restoreWith(sample.backup.file, { kind: 'recovery-key' as const, words: other });
    expect(otherKey).toMatchObject({ code: 'forbidden', message: BACKUP_MESSAGES.wrongSecret });
  });

  it('a mistyped recovery word: its own message, naming the word when it is not on the list', async () => {
    const checksum = await restoreWith(sample.backup.file, {
      kind: 'recovery-key',
      words: withBadChecksum(sample.words),
    });
    expect(checksum.code).toBe('invalid_input');
    expect(checksum.fields?.secret).toMatch(/one of them is probably mistyped/);
    const words = sample.words.split(' ');
    words[4] = 'tabel';
    const unknown = await restoreWith(sample.backup.file, { kind: 'recovery-key' as const, words: words.join(' ') });
    expect(unknown.fields?.secret).toBe(
      'Word 5 (“tabel”) is not one of the recovery key words. Check its spelling on your printed recovery key.',
    );
    const short = await restoreWith(sample.backup.file, {
      kind: 'recovery-key' as const,
      words: words.slice(0, 11).join(' '),
    });
    expect(short.fields?.secret).toBe('A recovery key has 12 words; you typed 11.');
  });

  it('a file that is not a backup, and one from a newer format version', async () => {
    const notBackup = damagedCopy('notes.tpdbackup', () => Buffer.from('Dear colleague, please find attached…'));
    expect(await restoreWith(notBackup, recoveryKey())).toMatchObject({
      code: 'invalid_input',
      message: BACKUP_MESSAGES.notABackup,
    });
    const missing = await restoreWith(path.join(scratch(), 'gone.tpdbackup'), recoveryKey());
    expect(missing.message).toBe(BACKUP_MESSAGES.notABackup);
    const newer = damagedCopy('newer.tpdbackup', (bytes) => {
      const copy = Buffer.from(bytes);
      copy.writeUInt16BE(2, 8);
      const end = 16 + copy.readUInt32BE(12);
      createHash('sha256').update(copy.subarray(0, end)).digest().copy(copy, end);
      return copy;
    });
    expect(await restoreWith(newer, { kind: 'passphrase' as const, passphrase: PASSPHRASE })).toMatchObject({
      code: 'conflict',
      message: BACKUP_MESSAGES.newerVersion,
    });
  });
});

describe('files the backups write', () => {
  it('hold no trainee name, GMC number or note text in plain text, temporary files included', async () => {
    const { trainee, meeting } = sample;
    const secrets = [
      trainee.given_name,
      trainee.family_name,
      trainee.gmc_number,
      meeting.private_notes,
      meeting.shared_summary,
    ];
    const seen: string[] = [];
    const scan = (file: string) => {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return;
      seen.push(path.basename(file));
      for (const text of secrets) expect(containsPlainText(file, text), `${text} in ${file}`).toBe(false);
    };
    // Every temporary file is read just before it is renamed into place or removed.
    const realRename = fs.renameSync;
    const realRemove = fs.rmSync;
    const rename = vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      scan(String(from));
      realRename(from, to);
    });
    const remove = vi.spyOn(fs, 'rmSync').mockImplementation((target, options) => {
      if (String(target).endsWith('.tpd-partial')) scan(String(target));
      realRemove(target, options);
    });
    let made: BackupMade;
    try {
      made = await call(sample.backend, 'backups:run-now');
    } finally {
      rename.mockRestore();
      remove.mockRestore();
    }
    scan(made.file);
    scan(path.join(sample.backend.dataDir, KEY_SLOT_FILE));
    scan(path.join(sample.backend.dataDir, BACKUP_STATE_FILE));
    expect(seen.some((name) => name.includes('snapshot'))).toBe(true);
    expect(seen.some((name) => name.startsWith('.tpd-companion-backup-'))).toBe(true);
    // The search itself finds these texts when they are there in plain text.
    const control = path.join(scratch(), 'control.txt');
    fs.writeFileSync(control, secrets.join('\n'));
    expect(secrets.every((text) => containsPlainText(control, text))).toBe(true);
  });
});

describe('automatic backups', () => {
  it('run once a UK day, keep the last 7 daily and 8 weekly, and warn after 7 days without one', async () => {
    const clock = manualClock('2025-01-01T10:00:00.000Z');
    const backend = await createTempBackend({ dataDir: scratch(), now: clock.now });
    open.push(backend);
    const folder = scratch('tpd-rotation-');
    await call(backend, 'backups:set-folder', { folder });
    const day = 24 * 60 * 60 * 1000;
    for (let i = 0; i < 70; i += 1) {
      expect(await backend.backups.runDailyBackupIfDue()).not.toBeNull();
      clock.advance(2 * 60 * 60 * 1000);
      expect(await backend.backups.runDailyBackupIfDue()).toBeNull();
      clock.advance(day - 2 * 60 * 60 * 1000);
    }
    // The 70th daily backup is made on Tuesday 11 March 2025.
    const kept = listDir(folder).map((name) =>
      name.slice('tpd-companion-backup-'.length, 'tpd-companion-backup-'.length + 10),
    );
    const daily = ['2025-03-05', '2025-03-06', '2025-03-07', '2025-03-08', '2025-03-09', '2025-03-10', '2025-03-11'];
    // The newest of each of the last 8 weeks (Monday to Sunday): Tuesday 11 March, then each Sunday before.
    const weekly = ['2025-01-26', '2025-02-02', '2025-02-09', '2025-02-16', '2025-02-23', '2025-03-02', '2025-03-09'];
    expect(kept).toEqual([...weekly.filter((d) => !daily.includes(d)), ...daily].sort());
    expect(listDir(folder).every((name) => name.endsWith('.tpdbackup'))).toBe(true);

    expect((await call(backend, 'backups:status')).overdue).toBe(false);
    clock.advance(5 * day);
    expect((await call(backend, 'backups:status')).overdue).toBe(false);
    clock.advance(day);
    expect((await call(backend, 'backups:status')).overdue).toBe(true);
  }, 120_000);
});
