import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/renderer/src/api';
import { createClient } from '../../src/renderer/src/api/client';
import { httpTransport, takeHostToken } from '../../src/renderer/src/api/transport';
import { commandForKey } from '../../src/renderer/src/app/commands';

describe('api client over HTTP', () => {
  it('posts each call to /api/<channel> with the token and unwraps the data', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ ok: true, data: [{ id: 'x' }] })));
    const { api } = createClient(httpTransport('secret-token', fetchImpl as unknown as typeof fetch));
    await expect(api.trainees.list({ includeArchived: true })).resolves.toEqual([{ id: 'x' }]);
    expect(fetchImpl).toHaveBeenCalledWith(
      '/api/trainees%3Alist',
      expect.objectContaining({
        method: 'POST',
        headers: expect.objectContaining({ 'x-tpd-token': 'secret-token' }),
        body: '{"includeArchived":true}',
      }),
    );
  });

  it('turns an error envelope into an ApiError with field messages', async () => {
    const fetchImpl = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            ok: false,
            error: {
              code: 'invalid_input',
              message: 'GMC number must be exactly 7 digits',
              fields: { gmcNumber: 'GMC number must be exactly 7 digits' },
            },
          }),
        ),
    );
    const { api } = createClient(httpTransport('t', fetchImpl as unknown as typeof fetch));
    const error = await api.trainees.get({ id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fields).toEqual({ gmcNumber: 'GMC number must be exactly 7 digits' });
  });

  it('explains a host that is not running', async () => {
    const fetchImpl = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const { api } = createClient(httpTransport('t', fetchImpl as unknown as typeof fetch));
    await expect(api.app.info()).rejects.toThrow('The browser host is not answering');
  });

  it('takes the token from the address once and keeps it for the tab', () => {
    window.history.replaceState(null, '', '/#token=abc_DEF-123');
    expect(takeHostToken(window.location, window.sessionStorage)).toBe('abc_DEF-123');
    expect(window.location.hash).toBe('#/');
    expect(takeHostToken(window.location, window.sessionStorage)).toBe('abc_DEF-123');
  });
});

describe('keyboard shortcuts', () => {
  it('maps Ctrl/Cmd combinations to the menu’s commands and ignores plain keys', () => {
    expect(commandForKey({ key: 'k', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })).toBe('find');
    expect(commandForKey({ key: 'N', ctrlKey: false, metaKey: true, shiftKey: true, altKey: false })).toBe(
      'new-trainee',
    );
    // Ctrl+N is a new 1:1; the trainee keeps Ctrl+Shift+N.
    expect(commandForKey({ key: 'n', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })).toBe(
      'new-meeting',
    );
    expect(commandForKey({ key: 'n', ctrlKey: true, metaKey: false, shiftKey: false, altKey: true })).toBeNull();
    expect(commandForKey({ key: 'k', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false })).toBeNull();
  });
});
