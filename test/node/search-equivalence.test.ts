/**
 * Ctrl+K search was rewritten to choose its page of results from the index before making snippets
 * and joins (so it stays quick on a region-sized register). Over a 1,000- and a 10,000-trainee demo
 * set, it must return exactly what the frozen reference copy (test/support/reference) returns:
 * the same results in the same order, with the same snippets, titles, links and "more" flag.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoService } from '../../src/main/services/demo';
import { createSearchService } from '../support/reference/search-service';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';

// What people type: the benchmark's searches, common and rare words, names, prefixes of one
// letter (thousands of matches, many with equal scores at the cut), punctuation, no match at all.
const SEARCHES = [
  'telephone consultations',
  'okafor',
  'AKT',
  'visa renewal',
  'mock',
  'the',
  'a',
  'e',
  'dr',
  'gp vts',
  'portfolio review',
  'hospital rota',
  'supervisor feedback',
  'mariam okafor',
  'okaf',
  'wpba',
  'elderly',
  'booked',
  'confidence',
  'AKT-prep',
  'sca',
  'zzzz',
];

describe.each([{ trainees: 1_000 }, { trainees: 10_000 }])('over a $trainees-trainee demo set', ({ trainees }) => {
  let backend: TempBackend;

  beforeAll(async () => {
    backend = await createTempBackend();
    await createDemoService(backend.store.db, () => new Date()).loadTrainees(trainees);
  }, 120_000);

  afterAll(async () => {
    await backend.close();
    fs.rmSync(backend.dataDir, { recursive: true, force: true });
  });

  it.each([{ limit: 30 }, { limit: 1 }, { limit: 100 }])(
    'every search returns the same results as before, $limit at a time',
    async ({ limit }) => {
      const reference = createSearchService(backend.store.db);
      let results = 0;
      for (const text of SEARCHES) {
        const expected = await reference.query(text, limit);
        expect(await call(backend, 'search:query', { text, limit }), text).toEqual(expected);
        results += expected.results.length;
      }
      expect(results).toBeGreaterThan(limit * 10);
    },
    60_000,
  );
});
