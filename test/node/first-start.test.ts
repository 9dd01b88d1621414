/**
 * First start lasts until the recovery key's words have been typed back, across reloads and crashes:
 * main keeps whether the current key was confirmed, beside the key itself. (The page's side, reloaded
 * half way, is in test/e2e/backups.test.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_SLOT_FILE } from '../../src/main/services/backups/key-slots';
import { BACKUP_MESSAGES } from '../../src/shared/backups/backup-contract';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';

let backend: TempBackend;
beforeEach(async () => {
  backend = await createTempBackend();
});
afterEach(() => backend.close());

describe('the recovery key’s confirmation', () => {
  it('is kept from when the words are typed back, and undone by a new key', async () => {
    expect(await call(backend, 'backups:status')).toMatchObject({
      recoveryKeyCreatedAt: null,
      recoveryKeyConfirmed: false,
    });
    const first = await call(backend, 'recovery:create-key');
    expect((await call(backend, 'backups:status')).recoveryKeyConfirmed).toBe(false);

    // Words that are not this key's are refused and confirm nothing.
    const other = await createTempBackend();
    const otherWords = (await call(other, 'recovery:create-key')).words.join(' ');
    await other.close();
    const refused = await backend.dispatch('recovery:confirm-key', { words: otherWords });
    expect(refused).toMatchObject({ ok: false, error: { message: BACKUP_MESSAGES.wrongRecoveryKey } });
    expect((await call(backend, 'backups:status')).recoveryKeyConfirmed).toBe(false);

    expect((await call(backend, 'recovery:confirm-key', { words: first.words.join(' ') })).recoveryKeyConfirmed).toBe(
      true,
    );
    // Reopened (a restart): still confirmed.
    await backend.close();
    backend = await createTempBackend({ dataDir: backend.dataDir, key: backend.key });
    expect((await call(backend, 'backups:status')).recoveryKeyConfirmed).toBe(true);

    // A replacement key must be confirmed in its turn.
    await call(backend, 'recovery:create-key');
    expect((await call(backend, 'backups:status')).recoveryKeyConfirmed).toBe(false);
  });

  it('counts a key made before confirmations were kept as confirmed', async () => {
    await call(backend, 'recovery:create-key');
    const file = path.join(backend.dataDir, KEY_SLOT_FILE);
    const { recoveryKeyConfirmedAt: _, ...older } = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<
      string,
      unknown
    >;
    fs.writeFileSync(file, JSON.stringify(older));
    expect((await call(backend, 'backups:status')).recoveryKeyConfirmed).toBe(true);
  });
});
