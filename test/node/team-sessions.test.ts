import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  callAsPage,
  devUser,
  ScriptedBrowser,
  signIn,
  signInUpToCallback,
  startTeamRig,
  type TeamTestRig,
} from '../support/team-server';

// Sessions expire by the server's clock, which this test moves: 30 minutes idle, 12 hours in all.
let rig: TeamTestRig;

beforeAll(async () => {
  rig = await startTeamRig({ sessions: { idleMinutes: 30, absoluteHours: 12 } });
}, 60_000);

const status = async (response: Response) => ({ status: response.status, body: (await response.json()) as unknown });
const signedOut = {
  status: 401,
  body: { ok: false, error: { code: 'signed_out', message: 'Signed out — sign in again.' } },
};

async function signedInTpd() {
  const browser = new ScriptedBrowser();
  const csrf = await signIn(rig, browser, devUser(rig, 'tpd'));
  return { browser, csrf, call: (channel = 'app:info') => callAsPage(browser, rig.url, channel, csrf) };
}

describe('sessions', () => {
  it('end after 30 minutes unused, and the row goes with them', async () => {
    const tpd = await signedInTpd();
    rig.clock.advanceMinutes(29);
    expect((await tpd.call()).status).toBe(200);
    rig.clock.advanceMinutes(29); // 29 minutes since the last call: still live, and used again now.
    expect((await tpd.call()).status).toBe(200);
    rig.clock.advanceMinutes(31);
    expect(await status(await tpd.call())).toEqual(signedOut);
    // Coming back does not revive it.
    rig.clock.advanceMinutes(-31);
    expect(await status(await tpd.call())).toEqual(signedOut);
    rig.clock.advanceMinutes(31);
  });

  it('end 12 hours after sign-in however busy', async () => {
    const tpd = await signedInTpd();
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      rig.clock.advanceMinutes(20);
      expect((await tpd.call()).status, `after ${minutes + 20} minutes`).toBe(200);
    }
    rig.clock.advanceMinutes(25);
    expect(await status(await tpd.call())).toEqual(signedOut);
  });

  it('end at sign-out on the server: the old cookie opens nothing afterwards', async () => {
    const tpd = await signedInTpd();
    const oldCookie = tpd.browser.cookie('127.0.0.1', 'tpd-session')!;
    const out = await tpd.call('team:sign-out');
    expect(out.headers.getSetCookie().join()).toMatch(/tpd-session=; .*Max-Age=0/);
    const body = (await out.json()) as { ok: true; data: { signedOut: true; endSessionUrl: string } };
    // RP-initiated logout at the provider, back to this server's signed-out page.
    const endSession = new URL(body.data.endSessionUrl);
    expect(endSession.origin).toBe(rig.provider.issuer);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${rig.url}/auth/signed-out`);
    // The browser keeps the old cookie (an attacker copied it): the server refuses it.
    tpd.browser.setCookie('127.0.0.1', 'tpd-session', oldCookie);
    expect(await status(await tpd.call())).toEqual(signedOut);
    expect((await tpd.browser.request(new URL('/auth/session', rig.url))).status).toBe(401);
  });

  it('are shared by nothing in memory: a session row deleted in PostgreSQL ends it at once', async () => {
    const tpd = await signedInTpd();
    await sql`delete from team_sessions`.execute(rig.server.db);
    expect(await status(await tpd.call())).toEqual(signedOut);
  });
});

describe('cross-site request forgery', () => {
  it('refuses a call without the session’s CSRF token, or with another session’s', async () => {
    const tpd = await signedInTpd();
    const other = await signedInTpd();
    for (const csrf of [null, other.csrf, 'x'.repeat(43)]) {
      const response = await callAsPage(tpd.browser, rig.url, 'settings:update', csrf, { userName: 'Forged' });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await (await tpd.call('settings:get')).json()).not.toMatchObject({ data: { userName: 'Forged' } });
  });

  it('refuses a call from another origin, or with no origin, or marked cross-site, even with the token', async () => {
    const tpd = await signedInTpd();
    const forged = (headers: Record<string, string>) =>
      callAsPage(tpd.browser, rig.url, 'settings:update', tpd.csrf, { userName: 'Forged' }, headers);
    expect((await forged({ origin: 'https://attacker.example' })).status).toBe(403);
    expect((await forged({ origin: 'null' })).status).toBe(403);
    expect((await forged({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const noOrigin = await tpd.browser.request(new URL('/api/settings:update', rig.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tpd-csrf': tpd.csrf },
      body: JSON.stringify({ userName: 'Forged' }),
    });
    expect(noOrigin.status).toBe(403);
    const saved = await tpd.call('settings:get');
    expect(((await saved.json()) as { data: { userName: string } }).data.userName).not.toBe('Forged');
    // The same call from the page itself goes through.
    expect((await forged({})).status).toBe(200);
  });
});

describe('the server’s edges', () => {
  /** A raw request, for what fetch will not send (another Host, a length it does not mean to send). */
  function raw(path: string, options: http.RequestOptions, body?: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request(new URL(path, rig.url), options, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      else req.end();
    });
  }

  it('answers only under its own host name', async () => {
    expect(await raw('/auth/sign-in', { headers: { host: 'evil.example' } })).toBe(421);
    expect(await raw('/auth/sign-in', { headers: { host: new URL(rig.url).host } })).toBe(200);
  });

  it('refuses a body over the limit with 413, and reads no body before the caller is known', async () => {
    const tpd = await signedInTpd();
    const headers = {
      'content-type': 'application/json',
      origin: rig.url,
      'x-tpd-csrf': tpd.csrf,
      cookie: `tpd-session=${tpd.browser.cookie('127.0.0.1', 'tpd-session')}`,
      'content-length': String(26 * 1024 * 1024),
    };
    // Declares 26 MB and sends the first bytes: the answer comes before the rest is read.
    expect(await raw('/api/settings:update', { method: 'POST', headers }, '{"userName":"')).toBe(413);
    const { cookie: _cookie, ...anonymous } = headers;
    expect(await raw('/api/settings:update', { method: 'POST', headers: anonymous }, '{"userName":"')).toBe(401);
    // Streamed without a length, the limit still holds.
    const chunked = await tpd.browser.request(new URL('/api/settings:update', rig.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: rig.url, 'x-tpd-csrf': tpd.csrf },
      body: new Blob([JSON.stringify({ userName: 'x'.repeat(26 * 1024 * 1024) })]).stream(),
      duplex: 'half',
    } as RequestInit & { headers: Record<string, string> });
    expect(chunked.status).toBe(413);
  });

  it('serves the app with the app’s CSP and its own pages with a CSP of their own', async () => {
    const page = await fetch(new URL('/', rig.url));
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain('<meta name="tpd-team-server" content="1">');
    const signIn = await fetch(new URL('/auth/sign-in', rig.url));
    expect(signIn.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await signIn.text()).toContain('href="/auth/login"');
    expect((await fetch(new URL('/../../etc/passwd', rig.url))).status).toBe(404);
  });

  it('answers every channel with signed_out before sign-in, and the session endpoint with 401', async () => {
    const response = await fetch(new URL('/api/trainees:list', rig.url), { method: 'POST', body: '{}' });
    expect(await status(response)).toEqual(signedOut);
    expect((await fetch(new URL('/auth/session', rig.url))).status).toBe(401);
  });
});

describe('the desktop app’s sign-in (loopback redirect, PKCE)', () => {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = 'http://127.0.0.1:49152/callback';
  const desktopStart = (params: Record<string, string> = {}) =>
    `/auth/desktop/start?${new URLSearchParams({
      redirect_uri: redirectUri,
      state: 'desktop-state-0123456789',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...params,
    })}`;
  const redeem = (body: Record<string, string>) =>
    fetch(new URL('/auth/desktop/token', rig.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  async function desktopCode(): Promise<URL> {
    const browser = new ScriptedBrowser();
    const callback = await signInUpToCallback(
      browser,
      rig.url,
      devUser(rig, 'educational_supervisor').email,
      'dev-supervisor',
      desktopStart(),
    );
    const back = await browser.request(callback);
    expect(back.status).toBe(302);
    return new URL(back.headers.get('location')!);
  }

  it('sends the browser back to the app’s loopback with a code and its state; the verifier swaps it for a session', async () => {
    const back = await desktopCode();
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('desktop-state-0123456789');
    const swapped = await redeem({ code: back.searchParams.get('code')!, codeVerifier: verifier, redirectUri });
    expect(swapped.status).toBe(200);
    const { session, displayName } = (await swapped.json()) as { session: string; displayName: string };
    expect(displayName).toBe('Dr Imogen Caldwell');
    const call = await fetch(new URL('/api/team:status', rig.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await call.json()).toMatchObject({ ok: true, data: { user: { displayName: 'Dr Imogen Caldwell' } } });
  });

  it('refuses the code without the verifier, with a wrong one, for another redirect, or a second time', async () => {
    const code = (await desktopCode()).searchParams.get('code')!;
    expect((await redeem({ code, redirectUri } as Record<string, string>)).status).toBe(400);
    expect((await redeem({ code, codeVerifier: randomBytes(32).toString('base64url'), redirectUri })).status).toBe(400);
    // The wrong verifier used the code up: even the right one now fails.
    expect((await redeem({ code, codeVerifier: verifier, redirectUri })).status).toBe(400);
    const other = (await desktopCode()).searchParams.get('code')!;
    expect(
      (await redeem({ code: other, codeVerifier: verifier, redirectUri: 'http://127.0.0.1:50000/callback' })).status,
    ).toBe(400);
    const third = (await desktopCode()).searchParams.get('code')!;
    expect((await redeem({ code: third, codeVerifier: verifier, redirectUri })).status).toBe(200);
    expect((await redeem({ code: third, codeVerifier: verifier, redirectUri })).status).toBe(400);
  });

  it('refuses a start that names anything but a loopback redirect with an S256 challenge', async () => {
    const starts: Record<string, string>[] = [
      { redirect_uri: 'https://attacker.example/callback' },
      { redirect_uri: 'http://localhost:49152/callback' },
      { redirect_uri: 'http://127.0.0.1:80/callback' },
      { code_challenge_method: 'plain' },
      { code_challenge: 'short' },
      { state: '' },
    ];
    for (const params of starts) {
      const response = await fetch(new URL(desktopStart(params), rig.url), { redirect: 'manual' });
      expect(response.status, JSON.stringify(params)).toBe(400);
    }
  });

  it('takes a desktop session only as a Bearer token and a browser session only as the cookie', async () => {
    const back = await desktopCode();
    const { session } = (await (
      await redeem({ code: back.searchParams.get('code')!, codeVerifier: verifier, redirectUri })
    ).json()) as { session: string };
    const asCookie = await fetch(new URL('/api/app:info', rig.url), {
      method: 'POST',
      headers: { cookie: `tpd-session=${session}`, origin: rig.url, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(asCookie.status).toBe(401);
    const tpd = await signedInTpd();
    const asBearer = await fetch(new URL('/api/app:info', rig.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${tpd.browser.cookie('127.0.0.1', 'tpd-session')}` },
      body: '{}',
    });
    expect(asBearer.status).toBe(401);
  });
});
