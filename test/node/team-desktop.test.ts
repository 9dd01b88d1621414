import fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserWindow } from 'electron';
import { registerIpc } from '../../src/main/electron/ipc';
import { isAllowedSignInUrl, teamModeBackend } from '../../src/main/electron/team-mode';
import { signInThroughBrowser } from '../../src/main/team-client/loopback-sign-in';
import { TEAM_CONNECTION_FILE } from '../../src/main/team-client/team-connection-store';
import { fakeKeychain } from '../support/fake-keychain';
import { handled } from '../support/fake-electron';
import { createTempBackend, tempDir } from '../support/temp-backend';
import { ScriptedBrowser, signInUpToCallback, startTeamRig, type TeamTestRig } from '../support/team-server';

// The desktop glue, through the fake electron module's IPC, against a real team server in --dev:
// the system browser is a scripted one that signs the supervisor in at the development provider.
let rig: TeamTestRig;

beforeAll(async () => {
  rig = await startTeamRig();
}, 60_000);

type Frame = { url: string; parent: unknown } | null;
const trusted: Frame = { url: 'app://tpd/index.html', parent: null };
const invoke = async (channel: string, input: unknown = {}) => {
  const handler = handled.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return (await handler({ senderFrame: trusted }, input)) as {
    ok: boolean;
    data?: unknown;
    error?: { code: string; message: string };
  };
};

/** The system browser: what shell.openExternal opened, walked through the provider's login as the supervisor. */
function systemBrowser(opened: string[], email = 'supervisor@dev.tpd-companion.test', password = 'dev-supervisor') {
  return async (url: string) => {
    opened.push(url);
    const browser = new ScriptedBrowser();
    const start = new URL(url);
    const callback = await signInUpToCallback(browser, rig.url, email, password, `${start.pathname}${start.search}`);
    // The server sends the browser on to the app's loopback listener.
    const back = await browser.request(callback);
    await browser.request(back.headers.get('location')!);
  };
}

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

async function desktop(options: { openExternal?: (url: string) => Promise<void>; userDataDir?: string } = {}) {
  const personal = await createTempBackend();
  const userDataDir = options.userDataDir ?? tempDir('tpd-desktop-');
  const keychain = fakeKeychain();
  const opened: string[] = [];
  const backend = teamModeBackend(personal, {
    userDataDir,
    keychain,
    openExternal: options.openExternal ?? systemBrowser(opened),
  });
  dispose = registerIpc(backend, () => null as unknown as BrowserWindow);
  return { personal, userDataDir, keychain, opened };
}

describe('the desktop app in team mode', () => {
  it('stays personal by default: its own records, no server, “Connect to a team server…” offered', async () => {
    const { personal } = await desktop();
    await personal.dispatch('demo:load', { size: 'standard' });
    expect(await invoke('team:status')).toEqual({ ok: true, data: { mode: 'personal', canConnect: true } });
    expect(await invoke('app:info')).toMatchObject({ ok: true, data: { traineeCount: expect.any(Number) } });
    expect(((await invoke('app:info')).data as { traineeCount: number }).traineeCount).toBeGreaterThan(0);
  });

  it('connects through the system browser, keeps the session in the keychain, and forwards every call', async () => {
    const { personal, userDataDir, opened } = await desktop();
    const before = await personal.dispatch('app:info', {});
    expect(await invoke('team:connect', { server: rig.url })).toEqual({ ok: true, data: { connected: true } });
    // The browser was opened once, at the server's own sign-in start, with a loopback redirect and PKCE.
    expect(opened).toHaveLength(1);
    const start = new URL(opened[0]!);
    expect(`${start.origin}${start.pathname}`).toBe(`${rig.url}/auth/desktop/start`);
    expect(start.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(start.searchParams.get('code_challenge_method')).toBe('S256');
    expect(start.searchParams.has('client_secret')).toBe(false);

    expect(await invoke('team:status')).toMatchObject({
      ok: true,
      data: { mode: 'team', signedIn: true, user: { displayName: 'Dr Imogen Caldwell' } },
    });
    // Calls now go to the server's records (the rig's are empty), not this computer's.
    expect(await invoke('app:info')).toMatchObject({ ok: true, data: { traineeCount: 0 } });
    expect(await personal.dispatch('app:info', {})).toEqual(before);

    // The session is on disk only as a keychain blob.
    const saved = fs.readFileSync(`${userDataDir}/${TEAM_CONNECTION_FILE}`, 'utf8');
    expect(JSON.parse(saved)).toMatchObject({ server: rig.url, sealedSession: expect.any(String) });
    const { rows } = await import('kysely').then(({ sql }) =>
      sql<{ n: string }>`select count(*) as n from team_sessions where client = 'desktop'`.execute(rig.server.db),
    );
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
  });

  it('keeps the connection across a restart, and shows Signed out once the session ends on the server', async () => {
    const first = await desktop();
    await invoke('team:connect', { server: rig.url });
    dispose?.();
    // A restart: a new glue on the same userData reads the sealed session back.
    await desktop({ userDataDir: first.userDataDir });
    expect(await invoke('team:status')).toMatchObject({ ok: true, data: { signedIn: true } });
    rig.clock.advanceMinutes(31);
    expect(await invoke('app:info')).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(await invoke('team:status')).toEqual({ ok: true, data: { mode: 'team', server: rig.url, signedIn: false } });
  });

  it('signs out on the server: the kept token opens nothing afterwards; leaving goes back to personal records', async () => {
    const { userDataDir, keychain } = await desktop();
    await invoke('team:connect', { server: rig.url });
    const sealed = JSON.parse(fs.readFileSync(`${userDataDir}/${TEAM_CONNECTION_FILE}`, 'utf8')) as {
      sealedSession: string;
    };
    const token = keychain.decryptString(Buffer.from(sealed.sealedSession, 'base64'));
    expect(await invoke('team:sign-out')).toEqual({ ok: true, data: { signedOut: true, endSessionUrl: null } });
    const reused = await fetch(new URL('/api/app:info', rig.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(reused.status).toBe(401);
    expect(await invoke('app:info')).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(await invoke('team:leave')).toEqual({ ok: true, data: { left: true } });
    expect(fs.existsSync(`${userDataDir}/${TEAM_CONNECTION_FILE}`)).toBe(false);
    expect(await invoke('team:status')).toEqual({ ok: true, data: { mode: 'personal', canConnect: true } });
  });

  it('refuses a server address that is not https (or http on this computer), before opening anything', async () => {
    const opened: string[] = [];
    await desktop({ openExternal: async (url) => void opened.push(url) });
    for (const server of [
      'http://tpd.example.nhs.uk',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pw@tpd.example',
    ]) {
      expect(await invoke('team:connect', { server })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(opened).toEqual([]);
  });

  it('opens nothing but the configured server’s own sign-in start', () => {
    expect(isAllowedSignInUrl('https://tpd.example.nhs.uk/auth/desktop/start?x=1', 'https://tpd.example.nhs.uk')).toBe(
      true,
    );
    expect(isAllowedSignInUrl('https://evil.example/auth/desktop/start', 'https://tpd.example.nhs.uk')).toBe(false);
    expect(isAllowedSignInUrl('https://tpd.example.nhs.uk/elsewhere', 'https://tpd.example.nhs.uk')).toBe(false);
    expect(isAllowedSignInUrl('http://tpd.example.nhs.uk/auth/desktop/start', 'http://tpd.example.nhs.uk')).toBe(false);
  });

  it('refuses an answer at the loopback whose state is not the one it sent', async () => {
    const attempt = signInThroughBrowser({
      server: rig.url,
      openExternal: async (url) => {
        const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!);
        redirect.searchParams.set('code', 'a-code-from-somewhere-else');
        redirect.searchParams.set('state', 'not-the-state-it-sent');
        const answer = await fetch(redirect);
        expect(answer.status).toBe(400);
      },
    });
    await expect(attempt).rejects.toThrow('did not match');
  });
});
