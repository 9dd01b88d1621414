import { createPrivateKey, createSign, type JsonWebKey } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KoaContext } from 'oidc-provider';
import { newSigningKey, type DevUser } from '../../src/main/team-server/dev/dev-provider';
import { DEV_CLIENT_ID } from '../../src/main/team-server/dev/dev-trial';
import { createTeamUsers } from '../../src/main/team-server/team-users';
import {
  callAsPage,
  devUser,
  ScriptedBrowser,
  signIn,
  signInUpToCallback,
  startTeamRig,
  type TeamTestRig,
} from '../support/team-server';

// One server process, the development provider and a database of their own; the clock is the test's.
let rig: TeamTestRig;
const newcomer: DevUser = {
  email: 'newcomer@dev.tpd-companion.test',
  password: 'dev-newcomer',
  name: 'Dr Ellis Newcombe',
  role: 'tpd',
  scope: 'programmes',
  programmes: [],
};

beforeAll(async () => {
  rig = await startTeamRig({ extraUsers: [newcomer] });
  // Rewrites the ID token in the provider's token answer while `tamper` is set: the server receives a
  // real code exchange with a token changed the way an attacker (or a broken provider) would.
  rig.provider.provider.use(async (ctx: KoaContext, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (tamper && ctx.path === '/token' && body?.id_token) body.id_token = tamper(body.id_token);
  });
}, 60_000);

let tamper: ((idToken: string) => string) | null = null;
afterEach(() => {
  tamper = null;
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (jwt: string) => {
  const [header, payload, signature] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString()) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>,
    signature: signature!,
  };
};
function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: JsonWebKey): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = createSign('RSA-SHA256')
    .update(input)
    .sign(createPrivateKey({ key, format: 'jwk' }));
  return `${input}.${signature.toString('base64url')}`;
}
/** The provider's own token with some claims changed, signed again with the provider's real key. */
const resigned = (change: (payload: Record<string, unknown>) => void) => (jwt: string) => {
  const { header, payload } = parts(jwt);
  change(payload);
  return signJwt(header, payload, rig.provider.signingKey);
};

async function sessionRows(): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from team_sessions`.execute(rig.server.db);
  return Number(rows[0]!.n);
}

/** Runs a whole sign-in as `user` and answers what the server's callback said, and whether a session cookie came back. */
async function attemptSignIn(user: DevUser, changeCallback: (url: URL) => URL = (u) => u) {
  const browser = new ScriptedBrowser();
  const callback = changeCallback(await signInUpToCallback(browser, rig.url, user.email, user.password));
  const before = await sessionRows();
  const response = await browser.request(callback);
  return {
    browser,
    callback,
    status: response.status,
    page: await response.text(),
    sessionCookie: browser.cookie('127.0.0.1', 'tpd-session'),
    newSessions: (await sessionRows()) - before,
  };
}

function expectRefused(attempt: Awaited<ReturnType<typeof attemptSignIn>>) {
  expect(attempt.status).toBe(400);
  expect(attempt.page).toContain('Sign-in did not complete');
  expect(attempt.sessionCookie).toBeUndefined();
  expect(attempt.newSessions).toBe(0);
}

describe('signing in', () => {
  it('signs a TPD in through the provider, shows who they are and answers their calls', async () => {
    const browser = new ScriptedBrowser();
    const csrf = await signIn(rig, browser, devUser(rig, 'tpd'));
    const status = await (await callAsPage(browser, rig.url, 'team:status', csrf)).json();
    expect(status).toEqual({
      ok: true,
      data: {
        mode: 'team',
        server: rig.url,
        signedIn: true,
        user: { displayName: 'Dr Rowan Ashdown', email: 'tpd@dev.tpd-companion.test' },
        roles: [{ role: 'tpd', scope: 'programmes', programmes: ['GP - Northtown VTS', 'GP - Riverside VTS'] }],
      },
    });
    const info = await (await callAsPage(browser, rig.url, 'app:info', csrf)).json();
    expect(info).toMatchObject({ ok: true, data: { traineeCount: 0 } });
  });

  it('keeps only a hash of the 256-bit session id, and the cookie is HttpOnly and SameSite=Strict', async () => {
    const browser = new ScriptedBrowser();
    const callback = await signInUpToCallback(browser, rig.url, devUser(rig, 'exam_lead').email, 'dev-exams');
    const response = await browser.request(callback);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('tpd-session='))!;
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    const id = browser.cookie('127.0.0.1', 'tpd-session')!;
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    const { rows } = await sql<{ id_hash: string }>`select id_hash from team_sessions`.execute(rig.server.db);
    expect(rows.map((r) => r.id_hash)).not.toContain(id);
    expect(rows).not.toHaveLength(0);
  });

  it('refuses an ID token from another issuer', async () => {
    tamper = resigned((p) => (p.iss = 'http://127.0.0.1:1/not-the-provider'));
    expectRefused(await attemptSignIn(devUser(rig, 'tpd')));
  });

  it('refuses an ID token for another audience', async () => {
    tamper = resigned((p) => (p.aud = 'some-other-app'));
    expectRefused(await attemptSignIn(devUser(rig, 'tpd')));
  });

  it('refuses an expired ID token', async () => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    tamper = resigned((p) => {
      p.iat = hourAgo - 600;
      p.exp = hourAgo;
    });
    expectRefused(await attemptSignIn(devUser(rig, 'tpd')));
  });

  it('refuses an ID token whose claims were changed after signing', async () => {
    tamper = (jwt) => {
      const { header, payload, signature } = parts(jwt);
      return `${b64(header)}.${b64({ ...payload, email: 'admin@dev.tpd-companion.test' })}.${signature}`;
    };
    expectRefused(await attemptSignIn(devUser(rig, 'tpd')));
  });

  it('refuses an ID token whose signature was changed', async () => {
    tamper = (jwt) => {
      const { header, payload, signature } = parts(jwt);
      const flipped = Buffer.from(signature, 'base64url');
      flipped[10] = flipped[10]! ^ 0xff;
      return `${b64(header)}.${b64(payload)}.${flipped.toString('base64url')}`;
    };
    expectRefused(await attemptSignIn(devUser(rig, 'tpd')));
  });

  it('refuses an ID token signed with a key the provider does not publish', async () => {
    const stranger = newSigningKey();
    tamper = (jwt) => {
      const { header, payload } = parts(jwt);
      return signJwt(header, payload, { ...stranger, kid: header.kid as string });
    };
    expectRefused(await attemptSignIn(devUser(rig, 'tpd')));
  });

  it('refuses an unsigned ID token (alg: none)', async () => {
    tamper = (jwt) => {
      const { header, payload } = parts(jwt);
      return `${b64({ ...header, alg: 'none' })}.${b64(payload)}.`;
    };
    expectRefused(await attemptSignIn(devUser(rig, 'tpd')));
  });

  it('refuses an ID token with another sign-in’s nonce', async () => {
    tamper = resigned((p) => (p.nonce = 'a-nonce-from-another-sign-in'));
    expectRefused(await attemptSignIn(devUser(rig, 'tpd')));
  });

  it('refuses a callback whose state is not the one this browser was given', async () => {
    expectRefused(
      await attemptSignIn(devUser(rig, 'tpd'), (url) => {
        url.searchParams.set('state', 'someone-elses-state-value');
        return url;
      }),
    );
  });

  it('refuses a callback in a browser that did not start the sign-in (no sign-in cookie)', async () => {
    const victim = new ScriptedBrowser();
    const callback = await signInUpToCallback(victim, rig.url, devUser(rig, 'tpd').email, 'dev-tpd');
    const other = new ScriptedBrowser();
    const response = await other.request(callback);
    expect(response.status).toBe(400);
    expect(other.cookie('127.0.0.1', 'tpd-session')).toBeUndefined();
  });

  it('refuses a replayed callback, and a replayed code under a fresh sign-in’s state', async () => {
    const user = devUser(rig, 'tpd');
    const first = await attemptSignIn(user);
    expect(first.status).toBe(200);
    // The same browser loads the same callback again: its sign-in was used up.
    const again = await first.browser.request(first.callback);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('expired or was already used');
    // An attacker starts a sign-in of their own and presents the used code with their own state.
    const attacker = new ScriptedBrowser();
    const started = await attacker.request(new URL('/auth/login', rig.url));
    const state = new URL(started.headers.get('location')!).searchParams.get('state')!;
    const replay = new URL(first.callback);
    replay.searchParams.set('state', state);
    const before = await sessionRows();
    const replayed = await attacker.request(replay);
    expect(replayed.status).toBe(400);
    expect(attacker.cookie('127.0.0.1', 'tpd-session')).toBeUndefined();
    expect(await sessionRows()).toBe(before);
  });

  it('refuses the code without its PKCE verifier, at the provider and so at the server', async () => {
    const user = devUser(rig, 'tpd');
    const browser = new ScriptedBrowser();
    const callback = await signInUpToCallback(browser, rig.url, user.email, user.password);
    // The sign-in in progress loses its verifier (as if it had never been sent): the exchange must fail.
    await sql`update team_login_transactions set code_verifier = ''`.execute(rig.server.db);
    const response = await browser.request(callback);
    expect(response.status).toBe(400);
    expect(browser.cookie('127.0.0.1', 'tpd-session')).toBeUndefined();

    // And the provider itself refuses a code swapped without the verifier.
    const other = new ScriptedBrowser();
    const code = (await signInUpToCallback(other, rig.url, user.email, user.password)).searchParams.get('code')!;
    const token = await fetch(new URL('/token', rig.provider.issuer), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${DEV_CLIENT_ID}:${rig.config.oidc.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: `${rig.url}/auth/callback`,
      }).toString(),
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses someone the provider knows but nobody added, with a page saying whom to ask', async () => {
    const attempt = await attemptSignIn(newcomer);
    expect(attempt.status).toBe(403);
    expect(attempt.page).toContain('Ask your administrator to add you');
    expect(attempt.page).toContain('newcomer@dev.tpd-companion.test');
    expect(attempt.sessionCookie).toBeUndefined();
  });

  it('binds a person added by email to their subject at first sign-in; the email alone binds no one else', async () => {
    const users = createTeamUsers(rig.server.db, rig.clock.now);
    expect(await users.addAdmin('Newcomer@dev.tpd-companion.test', rig.provider.issuer)).toEqual({
      created: true,
      roleAdded: true,
    });
    const attempt = await attemptSignIn(newcomer);
    expect(attempt.status).toBe(200);
    const { rows } = await sql<{ issuer: string; subject: string; display_name: string }>`
      select issuer, subject, display_name from team_users where email = 'newcomer@dev.tpd-companion.test'`.execute(
      rig.server.db,
    );
    expect(rows).toEqual([
      { issuer: rig.provider.issuer, subject: expect.stringMatching(/^dev-/), display_name: 'Dr Ellis Newcombe' },
    ]);
    // Adding the same person again changes nothing.
    expect(await users.addAdmin('newcomer@dev.tpd-companion.test', rig.provider.issuer)).toEqual({
      created: false,
      roleAdded: false,
    });
  });

  it('says so when the person cancels at the provider', async () => {
    const browser = new ScriptedBrowser();
    const started = await browser.request(new URL('/auth/login', rig.url));
    const state = new URL(started.headers.get('location')!).searchParams.get('state')!;
    const response = await browser.request(
      new URL(`/auth/callback?error=access_denied&error_description=The+user+cancelled&state=${state}`, rig.url),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('The user cancelled');
  });
});

describe('as a public client (no secret: PKCE alone)', () => {
  let publicRig: TeamTestRig;
  beforeAll(async () => {
    publicRig = await startTeamRig({ publicClient: true });
  }, 60_000);

  it('signs in, and the provider refuses the code without the verifier', async () => {
    expect(publicRig.config.oidc).toMatchObject({ clientAuth: 'none', clientSecret: null });
    const browser = new ScriptedBrowser();
    const csrf = await signIn(publicRig, browser, devUser(publicRig, 'da_lead'));
    expect(await (await callAsPage(browser, publicRig.url, 'team:status', csrf)).json()).toMatchObject({
      ok: true,
      data: { user: { displayName: 'Dr Priya Lockhart' }, roles: [{ role: 'da_lead', scope: 'region' }] },
    });
    const other = new ScriptedBrowser();
    const user = devUser(publicRig, 'da_lead');
    const code = (await signInUpToCallback(other, publicRig.url, user.email, user.password)).searchParams.get('code')!;
    const token = await fetch(new URL('/token', publicRig.provider.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: DEV_CLIENT_ID,
        redirect_uri: `${publicRig.url}/auth/callback`,
      }).toString(),
    });
    expect(token.status).toBe(400);
  });
});
