import fs from 'node:fs';
import path from 'node:path';
import type { BackupMade, RestoreOutcome } from '../../src/shared/backups/backup-contract';
import { defineCase } from '../types';
import { BENCH_ROOT, call, disposeBackend, formatBytes, freshBackend, type BenchBackend } from '../support';

interface BackupState {
  backend: BenchBackend | null;
  folder: string;
  made: BackupMade | null;
}

/** A register of 10,000 demo trainees with a recovery key and its backup folder. */
async function largeRegister(): Promise<BackupState & { words: string }> {
  const backend = await freshBackend();
  await call(backend, 'demo:load', { size: 'large' });
  const folder = fs.mkdtempSync(path.join(BENCH_ROOT, 'backups-'));
  await call(backend, 'backups:set-folder', { folder });
  const { words } = await call<{ words: string[] }>(backend, 'recovery:create-key');
  return { backend, folder, made: null, words: words.join(' ') };
}

export const backupCases = [
  defineCase<BackupState>({
    name: 'backups:run-now (10,000 trainees)',
    notes: 'snapshot, integrity check, encrypt, read back and verify; target < 5 s',
    runs: 3,
    setup: largeRegister,
    run: async (state) => {
      state.made = await call<BackupMade>(state.backend!, 'backups:run-now');
      return formatBytes(state.made.sizeBytes);
    },
    teardown: async (state) => {
      await disposeBackend(state.backend);
      fs.rmSync(state.folder, { recursive: true, force: true });
    },
  }),
  defineCase<BackupState & { words: string; receiving: BenchBackend | null }>({
    name: 'backups:restore (10,000 trainees)',
    notes: 'verify, decrypt, integrity check, re-key, pre-restore copy, swap and reopen; target < 10 s',
    runs: 3,
    setup: async () => {
      const state = await largeRegister();
      state.made = await call<BackupMade>(state.backend!, 'backups:run-now');
      return { ...state, receiving: null };
    },
    beforeEach: async (state) => {
      state.receiving = await freshBackend();
    },
    run: async (state) => {
      const outcome = await call<RestoreOutcome>(state.receiving!, 'backups:restore', {
        file: state.made!.file,
        secret: { kind: 'recovery-key', words: state.words },
      });
      return `${outcome.counts.trainees.toLocaleString('en-GB')} trainees from ${formatBytes(state.made!.sizeBytes)}`;
    },
    afterEach: async (state) => {
      await disposeBackend(state.receiving);
      state.receiving = null;
    },
    teardown: async (state) => {
      await disposeBackend(state.backend);
      fs.rmSync(state.folder, { recursive: true, force: true });
    },
  }),
];
