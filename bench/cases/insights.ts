import type { InsightsFigures } from '../../src/shared/insights/insights-types';
import { defineCase } from '../types';
import { call, disposeBackend, formatBytes, freshBackend, type BenchBackend } from '../support';

/** The large demo register: 10,000 trainees with exams, support, 1:1s and ARCP histories. */
async function largeDemo(): Promise<BenchBackend> {
  const backend = await freshBackend();
  await call(backend, 'demo:load', { size: 'large' });
  return backend;
}

export const insightsCases = [
  defineCase<BenchBackend>({
    name: 'insights:figures (10,000 demo)',
    notes: 'every "What works" indicator with suppression and the heat map; target under 300 ms',
    runs: 5,
    warmup: 1,
    setup: largeDemo,
    run: async (backend) => {
      const figures = await call<InsightsFigures>(backend, 'insights:figures', {});
      const json = Buffer.byteLength(JSON.stringify(figures));
      return `${figures.figures.length} figures × ${figures.heatMap.programmes.length} programmes, ${formatBytes(json)}`;
    },
    teardown: disposeBackend,
  }),
];
