import type { Trainee } from '../../src/shared/trainees/trainee-schema';
import { defineCase } from '../types';
import { call, disposeBackend, formatBytes, freshBackend, type BenchBackend } from '../support';

interface ListState {
  backend: BenchBackend;
  list: Trainee[];
}

async function largeRegister(): Promise<ListState> {
  const backend = await freshBackend();
  await call(backend, 'demo:load', { size: 'large' });
  return { backend, list: await call<Trainee[]>(backend, 'trainees:list', { includeArchived: false }) };
}

export const traineeListCases = [
  defineCase<ListState>({
    name: 'trainees:list (10,000)',
    notes: 'includeArchived: false, through the handler registry',
    runs: 7,
    warmup: 2,
    setup: largeRegister,
    run: async (state) => {
      const list = await call<Trainee[]>(state.backend, 'trainees:list', { includeArchived: false });
      return `${list.length.toLocaleString('en-GB')} rows`;
    },
    teardown: (state) => disposeBackend(state.backend),
  }),
  defineCase<ListState>({
    name: 'JSON.stringify(list)',
    notes: 'what the browser host sends for the list',
    runs: 7,
    warmup: 2,
    setup: largeRegister,
    run: (state) => {
      const json = JSON.stringify({ ok: true, data: state.list });
      return `${formatBytes(Buffer.byteLength(json))} (${Math.round(Buffer.byteLength(json) / state.list.length)} B/trainee)`;
    },
    teardown: (state) => disposeBackend(state.backend),
  }),
];
