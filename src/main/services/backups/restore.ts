import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { AppError } from '../../../shared/result';
import type { BackupPreview, BackupSecret } from '../../../shared/backups/backup-contract';
import type { Store } from '../../store/open-store';
import { verifiedVacuumCopy } from '../../store/verified-copy';
import { fsyncFolder } from './atomic-file';
import { secretFromInput } from './backup-file';
import { decryptBackupBeside } from './backup-service';
import { EMPTY_KEY_SLOT_FILE, KEY_SLOT_FILE, readKeySlotFile, writeKeySlotFile } from './key-slots';
import { runCryptoSelfTest } from './self-test';

/**
 * Step one of the swap at the end of a restore, with the store still open: a verified copy of the
 * current database, kept in the data folder and never removed automatically.
 */
export async function keepPreRestoreCopy(
  store: Store,
  key: Buffer,
  now: Date,
  nativeBinding?: string,
): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const copy = `${store.file}.before-restore-${stamp}.bak`;
  return verifiedVacuumCopy(
    (to) => sql`VACUUM INTO ${to}`.execute(store.db),
    path.dirname(store.file),
    path.basename(copy),
    {
      key,
      keepAs: copy,
      ...(nativeBinding ? { nativeBinding } : {}),
    },
  );
}

/**
 * Step two: checkpoint and close, then rename the prepared file over the database (atomic on one
 * volume). A crash before the rename leaves the old database; after it, the restored one. The
 * caller reopens the store either way.
 */
export async function closeAndSwap(store: Store, prepared: string): Promise<void> {
  const file = store.file;
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
  await store.close();
  // A WAL left beside the new file would be replayed into it; after a clean close there is none worth keeping.
  for (const side of [`${file}-wal`, `${file}-shm`]) fs.rmSync(side, { force: true });
  fs.renameSync(prepared, file);
  fsyncFolder(path.dirname(file));
}

/**
 * Restore before any backend exists: a new computer, or a database whose key is lost. The data
 * folder must not hold a database yet. Returns the database key the backup's data is encrypted
 * with, for the caller to store in the keychain, and writes the backup's key slots beside it so the
 * same recovery key (and passphrase) keep working.
 */
export async function restoreIntoEmptyDataDir(options: {
  databaseFile: string;
  backupFile: string;
  secret: BackupSecret;
  nativeBinding?: string;
}): Promise<{ databaseKey: Buffer; preview: Omit<BackupPreview, 'needsUpdate' | 'formatVersion'> }> {
  await runCryptoSelfTest();
  const { databaseFile } = options;
  if (fs.existsSync(databaseFile) && fs.statSync(databaseFile).size > 0) {
    throw new AppError(
      'conflict',
      'There is already a database here. Open the app and restore from Settings, so the current data is kept as a pre-restore copy.',
    );
  }
  const prepared = await decryptBackupBeside(databaseFile, options.backupFile, secretFromInput(options.secret), {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const { metadata, parsed, databaseKey } = prepared.opened;
  const keySlotFile = path.join(path.dirname(databaseFile), KEY_SLOT_FILE);
  try {
    const existing = fs.existsSync(keySlotFile) ? readKeySlotFile(keySlotFile) : EMPTY_KEY_SLOT_FILE;
    writeKeySlotFile(keySlotFile, {
      ...existing,
      recoveryKeyCreatedAt: metadata.recoveryKeyCreatedAt,
      passphraseSetAt: metadata.passphraseSetAt,
      slots: parsed.header.slots.filter((s) => s.wraps === 'database-key'),
    });
    for (const side of [`${databaseFile}-wal`, `${databaseFile}-shm`]) fs.rmSync(side, { force: true });
    fs.renameSync(prepared.file, databaseFile);
    fsyncFolder(path.dirname(databaseFile));
  } catch (error) {
    fs.rmSync(prepared.file, { force: true });
    throw error;
  }
  return {
    databaseKey,
    preview: {
      createdAt: metadata.createdAt,
      appVersion: metadata.appVersion,
      migrations: metadata.migrations,
      counts: metadata.counts,
    },
  };
}
