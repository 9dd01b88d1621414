import { afterEach, describe, expect, it } from 'vitest';
import { TODAY_KIND_LABELS } from '../../src/shared/today/today-types';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';

describe('Today view labels', () => {
  let backend: TempBackend | undefined;
  afterEach(async () => backend?.close());

  it('names every kind of row the demo data produces in words, not internal keys', async () => {
    backend = await createTempBackend();
    await call(backend, 'demo:load', { size: 'standard' });
    const view = await call(backend, 'today:view', {});
    const kinds = view.kinds.map((k) => k.kind);
    // The demo exercises actions, 1:1s, support, exams and ARCP deadlines at least.
    expect(kinds.length).toBeGreaterThanOrEqual(5);
    expect(kinds.filter((kind) => !(kind in TODAY_KIND_LABELS))).toEqual([]);
  });
});
