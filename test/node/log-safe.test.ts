/**
 * No record content in the app's log. An unexpected error is logged to stderr to find the bug; its
 * message once carried what was stored: V8's JSON.parse quotes the text it could not read, so a broken
 * Today row printed the trainee's name and note.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch, type Handlers } from '../../src/main/handler-registry';
import { describeErrorForLog } from '../../src/main/log-safe';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';
import { traineeInput } from './helpers';

const STORED = 'Hannah Farouk, private: finds the rota hard';
const GMC = '7034567';

/** Everything written to stderr through console.error while `run` runs. */
async function stderrOf(run: () => Promise<unknown>): Promise<string> {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await run();
    return spy.mock.calls.map((args) => args.map(String).join(' ')).join('\n');
  } finally {
    spy.mockRestore();
  }
}

describe('an unexpected error in a handler', () => {
  const thrown: Array<[string, () => unknown]> = [
    ['JSON.parse of stored text', () => JSON.parse(STORED)],
    ['JSON.parse of a stored value cut short', () => JSON.parse(`{"note": "${STORED}`)],
    [
      'a message that quotes a value',
      () => {
        throw new Error(`Cannot format “${STORED}” for ${GMC}`);
      },
    ],
    [
      'a TypeError naming a value',
      () => {
        throw new TypeError(`'${STORED}' is not a function`);
      },
    ],
    [
      'a multi-line message',
      () => {
        throw new Error(`Row failed\n${STORED}\n${GMC}`);
      },
    ],
    [
      'a cause that holds the row',
      () => {
        throw new Error('Pack failed', { cause: new Error(`bad row "${STORED}"`) });
      },
    ],
    [
      'a database error with a code',
      () => {
        throw Object.assign(new Error(`CHECK constraint failed: note <> '${STORED}'`), {
          code: 'SQLITE_CONSTRAINT_CHECK',
        });
      },
    ],
  ];

  it.each(thrown)('is logged without what was stored: %s', async (_label, fail) => {
    const handlers = { 'app:info': fail } as unknown as Handlers;
    let answer: unknown;
    const logged = await stderrOf(async () => (answer = await dispatch(handlers, 'app:info', {})));
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    // Enough to find the bug: the channel, the kind of error, and where it was thrown.
    expect(logged).toMatch(/^\[app:info\] failed: \w*Error/);
    expect(logged).toMatch(/\n\s+at /);
    expect(logged).not.toContain('Hannah');
    expect(logged).not.toContain('rota');
    expect(logged).not.toContain(GMC);
  });

  it('keeps the code and the unquoted part of the message', () => {
    const error = Object.assign(new Error(`UNIQUE constraint failed: trainees.gmc_number ('${GMC}')`), {
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    expect(describeErrorForLog(error).split('\n')[0]).toBe(
      'Error (SQLITE_CONSTRAINT_UNIQUE): UNIQUE constraint failed: trainees.gmc_number ([…])',
    );
  });
});

describe('a broken stored row, read through the real app', () => {
  let backend: TempBackend;
  afterEach(() => backend.close());

  it('answers internal and logs nothing of the row', async () => {
    backend = await createTempBackend();
    const trainee = await call(backend, 'trainees:create', traineeInput({ givenName: 'Hannah', familyName: 'Farouk' }));
    await call(backend, 'meetings:create', {
      traineeId: trainee.id,
      heldOn: '01/06/2026',
      mode: 'video',
      meetingType: 'pastoral',
      sharedSummary: 'Talked about the rota.',
      privateNotes: 'Finds the rota hard.',
      goalIds: [],
      actions: [{ description: 'Rota meeting with Hannah Farouk', owner: 'trainee', dueOn: '02/06/2026' }],
    });
    expect((await call(backend, 'today:view', {})).groups.length).toBeGreaterThan(0);
    // Today's kept rows hold names; one damaged on disk (a bug, a bad sector) cannot be read back.
    await sql`UPDATE today_rows SET item = substr(item, 1, 60)`.execute(backend.store.db);
    let answer: unknown;
    const logged = await stderrOf(async () => (answer = await backend.dispatch('today:view', {})));
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toMatch(/^\[today:view\] failed: SyntaxError/);
    expect(logged).not.toMatch(/Hannah|Farouk|Rota|rota/);
  });
});
