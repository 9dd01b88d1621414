/**
 * `__proto__`, `constructor` and `prototype` are refused by name in every input. A trainee sent with a
 * `__proto__` key once answered "0 fields need attention": the key, set on the object that collects each
 * field's message, changed its prototype instead of adding a field.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { CHANNEL_NAMES } from '../../src/shared/contract';
import { findPrototypeKey } from '../../src/shared/prototype-keys';
import { CHANNEL_SAMPLES, type SampleIds } from '../support/channel-samples';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';
import { traineeInput } from './helpers';

let backend: TempBackend;
beforeEach(async () => {
  backend = await createTempBackend();
});
afterEach(() => backend.close());

/** `value` with an own property of that name, as JSON.parse makes it (an object literal would set the prototype). */
function withOwnKey<T extends object>(value: T, key: string, inner: unknown = { isAdmin: true }): T {
  return { ...value, ...(JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(inner)}}`) as object) };
}

describe('channel inputs', () => {
  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuse a trainee with a %s key by name, and save nothing',
    async (key) => {
      const result = await backend.dispatch('trainees:create', withOwnKey(traineeInput(), key));
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'invalid_input',
          message: `“${key}” cannot be used as a field name`,
          fields: { _: `“${key}” cannot be used as a field name` },
        },
      });
      expect(await call(backend, 'trainees:list', {})).toEqual([]);
    },
  );

  it('name the object a nested one is in', async () => {
    const trainee = await call(backend, 'trainees:create', traineeInput());
    const result = await backend.dispatch('trainees:update', {
      id: trainee.id,
      fields: withOwnKey(traineeInput({ givenName: 'Changed' }), '__proto__'),
    });
    expect(result).toMatchObject({
      ok: false,
      error: { fields: { fields: '“__proto__” cannot be used as a field name' } },
    });
    expect((await call(backend, 'trainees:get', { id: trainee.id })).givenName).toBe('Zebedee');
  });

  it('are refused on every channel, before its own checks', async () => {
    const ids = { today: '2026-03-02', folder: tempDir('tpd-proto-'), insightsReturn: '{}' } as unknown as SampleIds;
    for (const channel of CHANNEL_NAMES) {
      let sample: object;
      try {
        sample = CHANNEL_SAMPLES[channel](ids);
      } catch {
        sample = {};
      }
      const result = await backend.dispatch(channel, withOwnKey(sample, '__proto__'));
      expect({ channel, message: result.ok ? 'accepted' : result.error.message }).toEqual({
        channel,
        message: '“__proto__” cannot be used as a field name',
      });
    }
  });

  it('arrive the same way over the browser host’s HTTP', async () => {
    const rendererDir = tempDir('tpd-proto-renderer-');
    const host = await startBrowserHost({ backend, rendererDir, port: 0 });
    try {
      const body = JSON.stringify(traineeInput()).replace(/^\{/, '{"__proto__":{"isAdmin":true},');
      const response = await fetch(`http://127.0.0.1:${host.port}/api/trainees:create`, {
        method: 'POST',
        headers: { 'x-tpd-token': host.token, 'content-type': 'application/json' },
        body,
      });
      expect(await response.json()).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: '“__proto__” cannot be used as a field name' },
      });
    } finally {
      await host.close();
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuse an input nested deeper than any the app takes, without walking it all', async () => {
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const result = await backend.dispatch('settings:update', { userName: 'x', tableColumns: deep });
    expect(result).toMatchObject({ ok: false, error: { message: 'The input is nested too deeply to be read.' } });
  });
});

describe('findPrototypeKey', () => {
  it('finds own keys anywhere, in objects and arrays, and nothing in ordinary input', () => {
    expect(findPrototypeKey({ a: [{ b: 1 }, withOwnKey({}, 'constructor')] })).toBe('a.1.constructor');
    expect(findPrototypeKey(JSON.parse('{"x":{"prototype":1}}'))).toBe('x.prototype');
    expect(findPrototypeKey({ constructorName: 'x', proto: 1, text: '__proto__' })).toBeNull();
    expect(findPrototypeKey('__proto__')).toBeNull();
  });
});
