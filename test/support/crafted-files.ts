import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import { HANDOVER_CONTENT } from '../../src/shared/handover';
import {
  BACKUP_CONTENT,
  commitTempFile,
  makeSlot,
  randomKey,
  writeEnvelopeTemp,
} from '../../src/main/services/backups';
import { readKeySlotFile, KEY_SLOT_FILE, type KeySlot } from '../../src/main/services/backups/key-slots';
import { readCounts, readMigrations } from '../../src/main/services/backups/backup-file';
import { phraseBytes } from '../../src/main/services/handover/transfer-phrase';
import { openKeyedFile } from '../../src/main/store/verified-copy';
import type { TempBackend } from './temp-backend';

/**
 * Files an attacker (or a broken app) could make: the envelope is valid and opens with its secret,
 * and only what it carries is hostile. One content key and slot per sealer, so each file costs no
 * key derivation to write (the reader still derives its key from the phrase, as it always does).
 */
export async function handoverSealer(phrase: readonly string[], folder: string) {
  const contentKey = randomKey();
  const slot = await makeSlot({ kind: 'transfer-phrase', bytes: phraseBytes(phrase) }, 'content-key', contentKey);
  return (payload: unknown): Buffer => {
    const target = path.join(folder, `${randomUUID()}.tpdhandover`);
    const size = Buffer.byteLength(JSON.stringify(payload));
    const temp = writeEnvelopeTemp(target, {
      content: HANDOVER_CONTENT,
      createdAt: new Date().toISOString(),
      slots: [slot],
      contentKey,
      metadata: payload,
      chunkSize: Math.max(1024 * 1024, size),
    });
    commitTempFile(temp, target);
    const bytes = fs.readFileSync(target);
    fs.rmSync(target, { force: true });
    return bytes;
  };
}

/**
 * A backup of `backend`'s database as it is now, changed by `mutate` (with the database's CHECKs and foreign keys
 * off, as a hand-edited file would be) and sealed as the app seals backups: it opens with the
 * recovery key and authenticates; only the rows inside are hostile.
 */
export async function backupSealer(backend: TempBackend, folder: string) {
  const snapshot = path.join(folder, `snapshot-${randomUUID()}.db`);
  await sql`VACUUM INTO ${snapshot}`.execute(backend.store.db);
  const slots: KeySlot[] = readKeySlotFile(path.join(backend.dataDir, KEY_SLOT_FILE)).slots.filter(
    (s) => s.wraps === 'database-key',
  );
  const contentKey = randomKey();
  const contentSlot = await makeSlot({ kind: 'database-key', bytes: backend.key }, 'content-key', contentKey);
  return (mutate: (sqlite: Database.Database) => void): string => {
    const copy = path.join(folder, `hostile-${randomUUID()}.db`);
    fs.copyFileSync(snapshot, copy);
    const sqlite = openKeyedFile(copy, { key: backend.key });
    let metadata;
    try {
      sqlite.pragma('ignore_check_constraints = ON');
      sqlite.pragma('foreign_keys = OFF');
      mutate(sqlite);
      metadata = {
        appVersion: 'test',
        createdAt: new Date().toISOString(),
        migrations: readMigrations(sqlite),
        counts: readCounts(sqlite),
        databaseBytes: 0,
        recoveryKeyCreatedAt: null,
        passphraseSetAt: null,
      };
    } finally {
      sqlite.close();
    }
    metadata.databaseBytes = fs.statSync(copy).size;
    const target = path.join(folder, `hostile-${randomUUID()}.tpdbackup`);
    const temp = writeEnvelopeTemp(target, {
      content: BACKUP_CONTENT,
      createdAt: metadata.createdAt,
      slots: [...slots, contentSlot],
      contentKey,
      metadata,
      sourceFile: copy,
    });
    commitTempFile(temp, target);
    fs.rmSync(copy, { force: true });
    return target;
  };
}
