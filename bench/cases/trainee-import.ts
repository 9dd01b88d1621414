import type { ImportOutcome, ImportPreview } from '../../src/shared/trainees/import-mapping';
import { defineCase } from '../types';
import { call, disposeBackend, formatBytes, freshBackend, syntheticCsv, type BenchBackend } from '../support';

const ROWS = 10_000;
const csv = syntheticCsv(ROWS);
const request = (jobId: string) => ({
  jobId,
  fileName: 'bench-trainees.csv',
  contentBase64: Buffer.from(csv.text, 'utf8').toString('base64'),
});
const fileNote = `${ROWS.toLocaleString('en-GB')} rows (${csv.bad} bad), ${formatBytes(Buffer.byteLength(csv.text))}`;

function counts(preview: ImportPreview): string {
  const c = preview.counts;
  return `create ${c.create}, update ${c.update}, unchanged ${c.unchanged}, error ${c.error}`;
}

interface ImportState {
  backend: BenchBackend | null;
}

export const traineeImportCases = [
  defineCase<ImportState>({
    name: 'traineeImport:preview (new file)',
    notes: `${fileNote}; empty register`,
    runs: 5,
    setup: async () => ({ backend: await freshBackend() }),
    run: async (state) =>
      counts(await call<ImportPreview>(state.backend!, 'traineeImport:preview', request('bench-preview'))),
    teardown: (state) => disposeBackend(state.backend),
  }),
  defineCase<ImportState>({
    name: 'traineeImport:commit (new file)',
    notes: `${fileNote}; one transaction into an empty register`,
    runs: 3,
    setup: async () => ({ backend: null }),
    beforeEach: async (state) => {
      state.backend = await freshBackend();
    },
    run: async (state) => {
      const outcome = await call<ImportOutcome>(state.backend!, 'traineeImport:commit', request('bench-commit'));
      return `created ${outcome.created}, rejected ${outcome.rejected}`;
    },
    afterEach: async (state) => {
      await disposeBackend(state.backend);
      state.backend = null;
    },
  }),
  defineCase<ImportState>({
    name: 'traineeImport:preview (re-import)',
    notes: 'the same file again, after committing it',
    runs: 5,
    setup: async () => {
      const backend = await freshBackend();
      await call(backend, 'traineeImport:commit', request('bench-setup'));
      return { backend };
    },
    run: async (state) =>
      counts(await call<ImportPreview>(state.backend!, 'traineeImport:preview', request('bench-reimport'))),
    teardown: (state) => disposeBackend(state.backend),
  }),
];
