import type { SearchResponse } from '../../src/shared/search/search-types';
import type { TodayView } from '../../src/shared/today/today-types';
import { defineCase } from '../types';
import { call, disposeBackend, formatBytes, freshBackend, type BenchBackend } from '../support';

interface State {
  backend: BenchBackend;
}

/** One database with the 10,000-trainee demo set (1:1s, actions, plans, support), shared by these cases. */
let shared: Promise<BenchBackend> | null = null;
let users = 0;
async function largeDemo(): Promise<State> {
  users++;
  shared ??= (async () => {
    const backend = await freshBackend();
    await call(backend, 'demo:load', { size: 'large' });
    return backend;
  })();
  return { backend: await shared };
}
async function release(): Promise<void> {
  if (--users > 0 || !shared) return;
  await disposeBackend(await shared);
  shared = null;
}

const SEARCHES = ['telephone consultations', 'okafor', 'AKT', 'visa renewal', 'mock'];

export const everydayCases = [
  defineCase<State>({
    name: 'today:view (10,000 demo trainees)',
    notes: 'every Today provider through the handler registry, grouped and capped at 200 rows per group',
    runs: 5,
    warmup: 1,
    setup: largeDemo,
    run: async ({ backend }) => {
      const view = await call<TodayView>(backend, 'today:view', {});
      const totals = view.groups.map((g) => `${g.urgency} ${g.total.toLocaleString('en-GB')}`).join(', ');
      return `${totals}; ${formatBytes(Buffer.byteLength(JSON.stringify(view)))} sent`;
    },
    teardown: release,
  }),
  defineCase<State>({
    name: 'search:query ×5 (10,000 demo trainees)',
    notes: `FTS5 with snippets, 30 results each: ${SEARCHES.map((s) => `“${s}”`).join(', ')}`,
    runs: 5,
    warmup: 1,
    setup: largeDemo,
    run: async ({ backend }) => {
      let results = 0;
      for (const text of SEARCHES)
        results += (await call<SearchResponse>(backend, 'search:query', { text })).results.length;
      return `${results} results in total`;
    },
    teardown: release,
  }),
];
