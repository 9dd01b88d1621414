import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/shared/result';
import type { TeamStatus } from '../../src/shared/team';
import { teamTransport } from '../../src/renderer/src/api/transport';
import { App } from '../../src/renderer/src/app/App';
import { connectClient } from '../../src/renderer/src/app/query-client';
import { fakeTransport } from './render-app';

const signedIn: TeamStatus = {
  mode: 'team',
  server: 'https://tpd.example.test',
  signedIn: true,
  user: { displayName: 'Dr Rowan Ashdown', email: 'tpd@dev.tpd-companion.test' },
  roles: [{ role: 'tpd', scope: 'programmes', programmes: ['GP - Northtown VTS'] }],
};

describe('the team transport (browser on a team server)', () => {
  it('sends each call with the session’s CSRF token and answers signed_out once the server says 401', async () => {
    const requests: Array<{ url: string; headers: Record<string, string> }> = [];
    let live = true;
    const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      requests.push({ url: String(url), headers: (init?.headers ?? {}) as Record<string, string> });
      if (String(url) === '/auth/session')
        return live ? Response.json({ csrfToken: 'token-of-this-session' }) : new Response('', { status: 401 });
      if (!live) return Response.json({ ok: false, error: { code: 'signed_out', message: 'x' } }, { status: 401 });
      return Response.json({ ok: true, data: { traineeCount: 3 } });
    }) as unknown as typeof fetch;
    const transport = teamTransport(fetchImpl);
    expect(await transport.call('app:info', {})).toEqual({ ok: true, data: { traineeCount: 3 } });
    expect(await transport.call('app:info', {})).toEqual({ ok: true, data: { traineeCount: 3 } });
    const calls = requests.filter((r) => r.url.startsWith('/api/'));
    expect(calls.map((c) => c.headers['x-tpd-csrf'])).toEqual(['token-of-this-session', 'token-of-this-session']);
    // The token is asked for once, not per call.
    expect(requests.filter((r) => r.url === '/auth/session')).toHaveLength(1);
    live = false;
    expect(await transport.call('app:info', {})).toEqual({
      ok: false,
      error: { code: 'signed_out', message: 'Signed out — sign in again.' },
    });
  });
});

describe('team mode in the app', () => {
  it('shows who is signed in, and only “Signed out — sign in again” once the session ends', async () => {
    let sessionEnded = false;
    const fake = fakeTransport({
      'team:status': () => {
        if (sessionEnded) throw new AppError('signed_out', 'Signed out — sign in again.');
        return signedIn;
      },
      'settings:get': () => {
        if (sessionEnded) throw new AppError('signed_out', 'Signed out — sign in again.');
        throw new AppError('not_found', 'No settings in this test');
      },
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(<App client={connectClient(fake.transport, queryClient)} queryClient={queryClient} />);
    expect(await screen.findByText('Dr Rowan Ashdown')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    // No recovery-key first start on a team server.
    expect(screen.queryByText('Your recovery key')).not.toBeInTheDocument();

    sessionEnded = true;
    // Any call that finds the session gone: here opening Settings.
    await userEvent.click(screen.getByRole('link', { name: 'Settings' }));
    expect(
      await screen.findByRole('heading', { name: 'Signed out — sign in again' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(screen.queryByText('Dr Rowan Ashdown')).not.toBeInTheDocument();
    // The desktop offers to sign in again (in the system browser) or to go back to this computer's records.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign in again' })).toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Use the records on this computer' })).toBeInTheDocument();
  });

  it('keeps personal mode as it was: the first start and its recovery key', async () => {
    const fake = fakeTransport({
      'team:status': () => ({ mode: 'personal', canConnect: true }),
      'backups:status': () => {
        throw new AppError('locked', 'locked');
      },
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(<App client={connectClient(fake.transport, queryClient)} queryClient={queryClient} />);
    expect(await screen.findByRole('heading', { name: 'Unlock TPD Companion' })).toBeInTheDocument();
    expect(fake.calls.map((c) => c.channel)).toContain('team:status');
  });

  it('offers “Connect to a team server…” at the desktop’s first start, and connects with the address typed', async () => {
    const connected: unknown[] = [];
    const fake = fakeTransport({
      'team:status': () => ({ mode: 'personal', canConnect: true }),
      'app:info': () => ({ version: 'test', databaseFile: '/tmp/x.db', traineeCount: 0 }),
      'backups:status': () => ({
        folder: '/tmp',
        folderIsDefault: true,
        lastSuccessAt: null,
        lastSuccessFile: null,
        lastFailure: null,
        overdue: true,
        passphraseSet: false,
        recoveryKeyCreatedAt: null,
        recoveryKeyConfirmed: false,
        backups: [],
      }),
      'recovery:create-key': () => ({
        words: Array.from({ length: 12 }, (_, i) => `word${i}`),
        createdAt: '2026-12-07',
      }),
      'team:connect': (input) => {
        connected.push(input);
        throw new AppError('cancelled', 'Sign-in was not finished in the browser in time. Try again.');
      },
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(<App client={connectClient(fake.transport, queryClient)} queryClient={queryClient} />);
    const section = await screen.findByRole('heading', { name: 'Working with a team server?' });
    expect(section).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Team server address'), 'https://tpd.example.nhs.uk');
    await userEvent.click(screen.getByRole('button', { name: 'Connect to a team server…' }));
    expect(await screen.findByText('Sign-in was not finished in the browser in time. Try again.')).toBeInTheDocument();
    expect(connected).toEqual([{ server: 'https://tpd.example.nhs.uk' }]);
  });
});
