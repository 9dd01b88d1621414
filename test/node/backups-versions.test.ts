/**
 * Backups across app versions: a sample from each released format version still restores; a
 * backup from before a migration is restored and then updated; one whose database has migrations
 * this app does not know is refused as "made by a newer version". The migration list is a mutable
 * copy of the real one here (as in store-migrations.test.ts), so a test can add a later migration.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely, type Migration } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../src/main/backend';
import { BACKUP_MESSAGES } from '../../src/shared/backups/backup-contract';
import { call, createTempBackend, tempDir } from '../support/temp-backend';
import { databaseDigest } from '../support/database-dump';
import { backupsIn, sha256 } from './helpers';

const registry = vi.hoisted(() => ({
  list: [] as Array<readonly [string, Migration]>,
  real: [] as Array<readonly [string, Migration]>,
}));
vi.mock('../../src/main/store/migrations', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/main/store/migrations')>();
  registry.real = [...actual.MIGRATIONS];
  registry.list.push(...actual.MIGRATIONS);
  return { ...actual, MIGRATIONS: registry.list };
});

const addNotesTable: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('extra_notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .execute();
  },
};

const temps: string[] = [];
const backends: Backend[] = [];
afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close();
  registry.list.splice(0, registry.list.length, ...registry.real);
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
async function backend() {
  const made = await createTempBackend();
  backends.push(made);
  temps.push(made.dataDir);
  return made;
}
function folder(): string {
  const dir = tempDir('tpd-versions-');
  temps.push(dir);
  return dir;
}

const FIXTURE = path.resolve(__dirname, '../fixtures/backups/format-1.0.tpdbackup');
const FIXTURE_WORDS = 'venue income hint moral field enter differ vessel caught abuse sibling neglect';

describe('backups from other versions', () => {
  it('restores the sample made by format version 1.0, with its recovery key or passphrase', async () => {
    const receiving = await backend();
    const secret = { kind: 'recovery-key' as const, words: FIXTURE_WORDS };
    const preview = await call(receiving, 'backups:inspect', { file: FIXTURE, secret });
    expect(preview).toMatchObject({ formatVersion: '1.0', createdAt: '2026-12-01T09:00:00.000Z' });
    expect(preview.counts.trainees).toBe(2);
    await call(receiving, 'backups:inspect', {
      file: FIXTURE,
      secret: { kind: 'passphrase' as const, passphrase: 'fixture passphrase one' },
    });
    await call(receiving, 'backups:restore', { file: FIXTURE, secret });
    const names = await receiving.store.db
      .selectFrom('trainees')
      .select('family_name')
      .orderBy('family_name')
      .execute();
    expect(names.map((n) => n.family_name)).toEqual(['Okonkwo-Lind', 'Quaresma']);
  });

  it('restores a backup made before a migration, then updates it (keeping a pre-migration copy)', async () => {
    const older = await backend();
    const backups = folder();
    await call(older, 'backups:set-folder', { folder: backups });
    const { words } = await call(older, 'recovery:create-key');
    await call(older, 'demo:load', { size: 'standard' });
    const made = await call(older, 'backups:run-now');

    registry.list.push(['9001_extra_notes', addNotesTable]);
    const newer = await backend();
    const secret = { kind: 'recovery-key' as const, words: words.join(' ') };
    expect((await call(newer, 'backups:inspect', { file: made.file, secret })).needsUpdate).toBe(true);
    const outcome = await call(newer, 'backups:restore', { file: made.file, secret });
    expect(outcome.needsUpdate).toBe(true);
    expect((await call(newer, 'app:info')).traineeCount).toBe(60);
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE name = 'extra_notes'`.execute(
      newer.store.db,
    );
    expect(tables.rows).toHaveLength(1);
    expect(backupsIn(newer.dataDir).some((f) => f.includes('.before-9001_extra_notes-'))).toBe(true);
    expect(backupsIn(newer.dataDir).some((f) => f.includes('.before-restore-'))).toBe(true);
  });

  it('refuses, before the swap, a backup from before the record checks that holds a row breaking one', async () => {
    // The version before 0016, with a row a crafted handover could leave: nothing then refused it.
    const at = registry.real.findIndex(([name]) => name === '0016_record_checks');
    registry.list.splice(0, registry.list.length, ...registry.real.slice(0, at));
    const older = await backend();
    await call(older, 'backups:set-folder', { folder: folder() });
    const { words } = await call(older, 'recovery:create-key');
    await call(older, 'demo:load', { size: 'standard' });
    const broken = await older.store.db.selectFrom('trainees').select('id').executeTakeFirstOrThrow();
    await sql`UPDATE trainees SET status = 'bogus' WHERE id = ${broken.id}`.execute(older.store.db);
    const made = await call(older, 'backups:run-now');

    registry.list.splice(0, registry.list.length, ...registry.real);
    const newer = await backend();
    await call(newer, 'trainees:create', {
      givenName: 'Kept',
      familyName: 'Here',
      gmcNumber: '7000001',
      programme: 'GP',
      grade: 'ST1',
      programmeStartDate: '07/08/2024',
      wte: '1',
    });
    const before = await databaseDigest(newer.store.db);
    const files = fs.readdirSync(newer.dataDir).sort();
    const result = await newer.dispatch('backups:restore', {
      file: made.file,
      secret: { kind: 'recovery-key' as const, words: words.join(' ') },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const message = !result.ok ? result.error.message : '';
    expect(message.startsWith(BACKUP_MESSAGES.breaksRules)).toBe(true);
    expect(message).toContain(`1 row of trainees (${broken.id}) break trainees_status_known`);
    expect(await databaseDigest(newer.store.db)).toBe(before);
    expect(fs.readdirSync(newer.dataDir).sort()).toEqual(files);
    expect((await call(newer, 'trainees:list', {})).map((t) => t.familyName)).toEqual(['Here']);
  }, 60_000);

  it('refuses a backup whose database a newer version has updated, changing nothing', async () => {
    registry.list.push(['9001_extra_notes', addNotesTable]);
    const newer = await backend();
    const backups = folder();
    await call(newer, 'backups:set-folder', { folder: backups });
    const { words } = await call(newer, 'recovery:create-key');
    const made = await call(newer, 'backups:run-now');

    registry.list.splice(0, registry.list.length, ...registry.real);
    const older = await backend();
    const databaseFile = older.store.file;
    const before = sha256(databaseFile);
    const result = await older.dispatch('backups:restore', {
      file: made.file,
      secret: { kind: 'recovery-key' as const, words: words.join(' ') },
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: BACKUP_MESSAGES.newerVersion,
        fields: { file: BACKUP_MESSAGES.newerVersion },
      },
    });
    expect(sha256(databaseFile)).toBe(before);
    expect(fs.readdirSync(older.dataDir).filter((n) => n.includes('restore'))).toEqual([]);
  });
});
