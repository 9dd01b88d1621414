import { defineCase } from '../types';
import { call, disposeBackend, freshBackend, type BenchBackend } from '../support';

export const demoLoadCases = [
  defineCase<{ backend: BenchBackend | null }>({
    name: "demo:load {size:'large'}",
    notes: '10,000 synthetic trainees into an empty encrypted database',
    runs: 3,
    setup: async () => ({ backend: null }),
    beforeEach: async (state) => {
      state.backend = await freshBackend();
    },
    run: async (state) => {
      const { trainees } = await call<{ trainees: number }>(state.backend!, 'demo:load', { size: 'large' });
      return `${trainees.toLocaleString('en-GB')} trainees`;
    },
    afterEach: async (state) => {
      await disposeBackend(state.backend);
      state.backend = null;
    },
  }),
];
