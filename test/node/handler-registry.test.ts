import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { dispatch, fieldErrors, invalidInput, type Handlers } from '../../src/main/handler-registry';
import { CHANNEL_NAMES } from '../../src/shared/contract';
import { AppError } from '../../src/shared/result';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';
import { traineeInput } from './helpers';

let backend: TempBackend;
beforeEach(async () => {
  backend = await createTempBackend();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await backend.close();
});

async function rowCounts() {
  const trainees = await backend.store.db
    .selectFrom('trainees')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const changes = await backend.store.db
    .selectFrom('change_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { trainees: Number(trainees.n), changes: Number(changes.n) };
}

/** The real handlers, with one replaced. */
function withHandler<C extends keyof Handlers>(channel: C, handler: Handlers[C]): Handlers {
  return { ...backend.handlers, [channel]: handler };
}

describe('the registry', () => {
  it('has a handler for every channel in the contract, and nothing else', () => {
    expect(Object.keys(backend.handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
  });
});

describe('dispatch: channel names', () => {
  it('answers unknown_channel for a name the contract does not declare', async () => {
    const result = await backend.dispatch('trainees:delete_everything', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown_channel', message: expect.stringContaining('trainees:delete_everything') },
    });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', ''])(
    'does not mistake the inherited property %j for a channel',
    async (name) => {
      const result = await backend.dispatch(name, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('unknown_channel');
    },
  );

  it('does not echo an unbounded channel name back', async () => {
    const result = await backend.dispatch(`x:${'y'.repeat(10_000)}`, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeLessThan(200);
  });
});

describe('dispatch: input validation', () => {
  it('refuses a bad trainee with invalid_input naming every field, and writes nothing', async () => {
    const result = await backend.dispatch('trainees:create', {
      givenName: '',
      gmcNumber: '123',
      programme: 'GP - Northtown VTS',
      grade: 'ST1',
      programmeStartDate: '31/02/2025',
      wte: '140%',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toBe('5 fields need attention');
    expect(result.error.fields).toEqual({
      givenName: 'Enter the trainee’s first name',
      familyName: 'Enter the trainee’s surname',
      gmcNumber: 'GMC number must be exactly 7 digits',
      programmeStartDate: expect.stringMatching(/not a real date/),
      wte: expect.stringMatching(/between 0\.2 and 1\.0/),
    });
    expect(await call(backend, 'trainees:list', {})).toEqual([]);
    expect(await rowCounts()).toEqual({ trainees: 0, changes: 0 });
  });

  it('uses the field message itself when only one field is wrong', async () => {
    const result = await backend.dispatch('trainees:create', traineeInput({ gmcNumber: '123' }));
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'GMC number must be exactly 7 digits',
        fields: { gmcNumber: 'GMC number must be exactly 7 digits' },
      },
    });
  });

  it('names nested fields by their dotted path', async () => {
    const result = await backend.dispatch('trainees:update', { id: 'abc', fields: traineeInput({ wte: '1.4' }) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.error.fields ?? {})).toEqual(['fields.wte']);
  });

  it('files an input that is not even an object under "_"', async () => {
    const result = await backend.dispatch('trainees:create', 'Zebedee Quaresma');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(Object.keys(result.error.fields ?? {})).toEqual(['_']);
    }
  });

  it('applies schema defaults when the input is left out', async () => {
    expect(await backend.dispatch('trainees:list', undefined)).toEqual({ ok: true, data: [] });
    expect(await backend.dispatch('app:info', undefined)).toMatchObject({
      ok: true,
      data: { version: 'test', traineeCount: 0 },
    });
  });

  it('passes the parsed (normalised) input to the handler, not the raw one', async () => {
    const seen: unknown[] = [];
    const handlers = withHandler('trainees:create', (fields) => {
      seen.push(fields);
      throw new AppError('cancelled', 'stop here');
    });
    await dispatch(
      handlers,
      'trainees:create',
      traineeInput({ grade: ' st3 ', wte: '80%', programmeStartDate: '7/8/2024' }),
    );
    expect(seen).toEqual([expect.objectContaining({ grade: 'ST3', wte: 0.8, programmeStartDate: '2024-08-07' })]);
  });
});

describe('dispatch: errors from handlers', () => {
  it('hides an unexpected error behind code internal, with no stack, SQL or row data', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handlers = withHandler('trainees:list', () => {
      throw new Error(`SQLITE_CONSTRAINT: UNIQUE failed on trainees.gmc_number for Zebedee Quaresma 7012345`);
    });
    const result = await dispatch(handlers, 'trainees:list', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    expect(result.error.fields).toBeUndefined();
    const text = JSON.stringify(result);
    for (const leak of ['Zebedee', '7012345', 'SQLITE', 'gmc_number', ' at ', '.ts:']) expect(text).not.toContain(leak);
    // The detail stays in the main process's own log.
    expect(consoleError).toHaveBeenCalledTimes(1);
  });

  it('hides a rejected promise the same way', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handlers = withHandler('trainees:get', async () =>
      Promise.reject(new TypeError('Cannot read properties of undefined (reading "gmc_number")')),
    );
    const result = await dispatch(handlers, 'trainees:get', { id: 'x' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.not.stringContaining('gmc_number') },
    });
  });

  it('passes an AppError through with its code, message and fields', async () => {
    const handlers = withHandler('trainees:get', () => {
      throw new AppError('forbidden', 'Not for you', { id: 'nope' });
    });
    expect(await dispatch(handlers, 'trainees:get', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Not for you', fields: { id: 'nope' } },
    });
  });

  it('maps a ZodError thrown by a service to invalid_input with fields', async () => {
    const handlers = withHandler('trainees:get', () => {
      z.object({ when: z.string({ error: 'Enter a date' }) }).parse({});
      throw new Error('unreachable');
    });
    expect(await dispatch(handlers, 'trainees:get', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Enter a date', fields: { when: 'Enter a date' } },
    });
  });

  it('reports a duplicate GMC number as conflict on the gmcNumber field, naming who has it', async () => {
    await call(backend, 'trainees:create', traineeInput());
    const result = await backend.dispatch(
      'trainees:create',
      traineeInput({ givenName: 'Other', familyName: 'Person' }),
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'GMC number 7012345 already belongs to Zebedee Quaresma',
        fields: { gmcNumber: 'GMC number 7012345 already belongs to Zebedee Quaresma' },
      },
    });
    expect((await rowCounts()).trainees).toBe(1);
  });

  it('answers not_found for an id that is not in the register', async () => {
    const result = await backend.dispatch('trainees:get', { id: 'no-such-id' });
    expect(result).toEqual({ ok: false, error: { code: 'not_found', message: expect.any(String) } });
  });
});

describe('fieldErrors / invalidInput', () => {
  it('keeps the first message per field', () => {
    const schema = z.object({
      a: z.string().min(3, { error: 'too short' }).regex(/^x/, { error: 'must start with x' }),
    });
    const error = schema.safeParse({ a: 'y' }).error!;
    expect(error.issues).toHaveLength(2);
    expect(fieldErrors(error)).toEqual({ a: 'too short' });
    expect(invalidInput(error)).toEqual({ code: 'invalid_input', message: 'too short', fields: { a: 'too short' } });
  });
});
