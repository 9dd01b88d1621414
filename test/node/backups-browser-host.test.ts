/**
 * What the browser host needs from backups: "Back up now" hands back the very file it made, a backup
 * uploaded as bytes is checked and restored like one on disk (and the upload never stays), and the
 * printable recovery sheet holds the words it was given.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_MESSAGES } from '../../src/shared/backups/backup-contract';
import { pdfText } from '../support/read-exports';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';

let source: TempBackend;
let words: string[];
let backup: { file: string; base64: string; fileName: string };

beforeAll(async () => {
  source = await createTempBackend({ backupFolder: tempDir('tpd-browser-backups-') });
  await call(source, 'demo:load', { size: 'standard' });
  words = (await call(source, 'recovery:create-key')).words;
  const { made, file } = await call(source, 'backups:run-now-download');
  backup = { file: made.file, base64: file.base64, fileName: file.fileName };
}, 120_000);

afterAll(async () => {
  await source.close();
});

/** Uploaded backups still in the data folder: each is removed once checked or restored. */
const leftovers = (dataDir: string) => fs.readdirSync(dataDir).filter((name) => name.includes('upload'));

describe('backups in the browser host', () => {
  it('downloads exactly the backup it made and checked', async () => {
    expect(Buffer.from(backup.base64, 'base64').equals(fs.readFileSync(backup.file))).toBe(true);
    expect(backup.fileName).toMatch(/\.tpdbackup$/);
    expect((await call(source, 'backups:status')).lastSuccessFile).toBe(backup.file);
  });

  it('checks and restores an uploaded backup into an empty data folder, leaving no upload behind', async () => {
    const target = await createTempBackend({ backupFolder: tempDir('tpd-browser-target-') });
    try {
      const secret = { kind: 'recovery-key' as const, words: words.join(' ') };
      const upload = { fileName: backup.fileName, contentBase64: backup.base64, secret };
      const preview = await call(target, 'backups:inspect-upload', upload);
      expect(preview.counts.trainees).toBe((await call(source, 'app:info')).traineeCount);
      expect((await call(target, 'app:info')).traineeCount).toBe(0);
      const outcome = await call(target, 'backups:restore-upload', upload);
      expect(outcome.counts).toEqual(preview.counts);
      expect((await call(target, 'app:info')).traineeCount).toBe(preview.counts.trainees);
      expect(leftovers(target.dataDir)).toEqual([]);
    } finally {
      await target.close();
    }
  }, 60_000);

  it('refuses an upload that is not a backup with its own message, changing nothing and keeping nothing', async () => {
    const before = (await call(source, 'app:info')).traineeCount;
    const result = await source.dispatch('backups:restore-upload', {
      fileName: 'notes.tpdbackup',
      contentBase64: Buffer.from('Dear diary, nothing to see here.').toString('base64'),
      secret: { kind: 'recovery-key', words: words.join(' ') },
    });
    expect(result.ok ? 'restored' : result.error.message).toBe(BACKUP_MESSAGES.notABackup);
    expect((await call(source, 'app:info')).traineeCount).toBe(before);
    expect(leftovers(source.dataDir)).toEqual([]);
  });

  it('prints the recovery sheet with the words, what they unlock, where to keep it and the date', async () => {
    const sheet = await call(source, 'recovery:sheet', { words });
    expect(sheet.mimeType).toBe('application/pdf');
    const text = await pdfText(Buffer.from(sheet.base64, 'base64'));
    for (const word of words) expect(text).toContain(word);
    expect(text).toContain('What it unlocks');
    expect(text).toContain('Where to keep it');
    expect(text).toMatch(/Made on\s+\d{2}\/\d{2}\/\d{4}/);
  });

  it('refuses a sheet for anything but 12 words', async () => {
    const result = await source.dispatch('recovery:sheet', { words: words.slice(0, 11) });
    expect(result.ok ? 'made' : result.error.code).toBe('invalid_input');
  });
});
