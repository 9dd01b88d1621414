import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { contract, isChannelName } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { TeamCaller, TeamStatus } from '../../shared/team';
import type { Backend } from '../backend';
import { invalidInput } from '../handler-registry';
import { channelOf, readJsonInput, sendJson } from '../http-json';
import { runAsCaller } from '../request-context';
import { CONTENT_SECURITY_POLICY, contentTypeFor, resolveInside } from '../static-files';
import type { IdentityProvider } from './identity-provider';
import {
  continuePage,
  notAddedPage,
  PAGE_CONTENT_SECURITY_POLICY,
  PAGE_STYLESHEET,
  PAGE_STYLESHEET_PATH,
  signedOutPage,
  signInFailedPage,
  signInPage,
} from './pages';
import { csrfTokenFor, sameSecret } from './secrets';
import { createSessionStore, type SessionStore } from './sessions';
import { createSignInStore, SIGN_IN_MINUTES, TooManySignIns, type DesktopRequest } from './sign-in-transactions';
import type { TeamServerConfig } from './team-config';
import type { TeamDB } from './team-schema';
import { createTeamUsers } from './team-users';

export interface TeamServerDeps {
  config: TeamServerConfig;
  db: Kysely<TeamDB>;
  identity: IdentityProvider;
  /** What answers the contract's channels (the records), for the signed-in caller. */
  records: Pick<Backend, 'dispatch' | 'events'>;
  rendererDir: string;
  now: () => Date;
}

export interface RunningTeamServer {
  /** The address it listens on (equal to publicUrl unless behind a proxy, or port 0 was asked for). */
  url: string;
  port: number;
  sessions: SessionStore;
  close(): Promise<void>;
}

/** The header the renderer's fetch client sends with every call in team mode. */
export const CSRF_HEADER = 'x-tpd-csrf';
/** Marks the renderer's page as served by a team server (the client then signs in instead of using a host token). */
export const TEAM_PAGE_MARKER = '<meta name="tpd-team-server" content="1">';

const SIGNED_OUT: Result<never> = {
  ok: false,
  error: { code: 'signed_out', message: 'Signed out — sign in again.' },
};

/** The desktop app's loopback redirect (RFC 8252 §7.3): 127.0.0.1, any port, one fixed path. */
const DESKTOP_REDIRECT = /^http:\/\/127\.0\.0\.1:(\d{4,5})\/callback$/;
const BASE64URL_43 = /^[A-Za-z0-9_-]{43}$/;
const STATE = /^[A-Za-z0-9_-]{16,128}$/;
const DESKTOP_TOKEN_MAX_BYTES = 4096;

const desktopTokenSchema = z.strictObject({
  code: z.string().min(1).max(128),
  codeVerifier: z.string().min(43).max(128),
  redirectUri: z.string().max(64),
});

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

export async function startTeamServer(deps: TeamServerDeps): Promise<RunningTeamServer> {
  const { config, db, identity, records, rendererDir, now } = deps;
  const sessions = createSessionStore(db, now, config.sessions);
  const signIns = createSignInStore(db, now);
  const users = createTeamUsers(db, now);
  const publicOrigin = config.publicUrl.origin;
  const secure = config.tls !== null;

  // `__Host-` cookies must be Secure, and a Secure cookie is not reliably kept over plain http, so
  // --dev (http on 127.0.0.1 only, never across a network) drops the prefix and the Secure flag.
  const sessionCookie = secure ? '__Host-tpd-session' : 'tpd-session';
  const signInCookie = secure ? '__Host-tpd-sign-in' : 'tpd-sign-in';
  const cookie = (name: string, value: string, sameSite: 'Strict' | 'Lax', maxAgeSeconds: number) =>
    `${name}=${value}; Path=/; HttpOnly; SameSite=${sameSite}; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
  const clearCookie = (name: string, sameSite: 'Strict' | 'Lax') => cookie(name, '', sameSite, 0);
  const sessionMaxAge = config.sessions.absoluteMinutes * 60;

  const streams = new Set<http.ServerResponse>();
  // Progress of long jobs carries a job id the caller chose and counts, never a record.
  const unsubscribe = records.events.subscribe((name, payload) => {
    if (name !== 'progress') return;
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  function html(
    res: http.ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string | string[]> = {},
  ) {
    res.writeHead(status, {
      ...headers,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
    });
    res.end(body);
  }

  function redirect(res: http.ServerResponse, location: string, headers: Record<string, string | string[]> = {}) {
    res.writeHead(302, { ...headers, location, 'cache-control': 'no-store' });
    res.end();
  }

  interface Authenticated {
    sessionId: string;
    caller: TeamCaller;
    viaCookie: boolean;
  }

  /** The caller of a request: a desktop session as a Bearer token, or a browser session as the cookie. */
  async function authenticate(req: http.IncomingMessage): Promise<Authenticated | null> {
    const bearer = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(req.headers.authorization ?? '');
    const sessionId = bearer ? bearer[1]! : (parseCookies(req.headers.cookie).get(sessionCookie) ?? '');
    const live = await sessions.use(sessionId);
    // A browser's cookie is no Bearer token, and a desktop token never rides in a cookie.
    if (!live || live.client !== (bearer ? 'desktop' : 'browser')) return null;
    const caller = await users.caller(live.userId);
    return caller ? { sessionId, caller, viaCookie: !bearer } : null;
  }

  /**
   * A cookie rides along with any request the browser makes, so a cookie-authenticated call must
   * also show it came from the app's own page: the same Origin, and the session's CSRF token in a
   * header that a cross-site form or fetch cannot set.
   */
  function passesCsrf(req: http.IncomingMessage, sessionId: string): boolean {
    if (req.headers.origin !== publicOrigin) return false;
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return false;
    const token = req.headers[CSRF_HEADER];
    return typeof token === 'string' && sameSecret(token, csrfTokenFor(sessionId));
  }

  async function startSignIn(res: http.ServerResponse, desktop: DesktopRequest | null) {
    let started;
    try {
      started = await identity.start();
    } catch (error) {
      console.error('[team-server] the identity provider is not answering:', (error as Error).message);
      return html(res, 503, signInFailedPage('The sign-in service is not answering. Try again in a minute.'));
    }
    try {
      const opened = await signIns.open(started.checks, desktop);
      redirect(res, started.url.toString(), {
        'set-cookie': cookie(signInCookie, opened.id, 'Lax', SIGN_IN_MINUTES * 60),
      });
    } catch (error) {
      if (!(error instanceof TooManySignIns)) throw error;
      html(res, 503, signInFailedPage('Too many people are signing in at once. Try again in a minute.'));
    }
  }

  async function finishSignIn(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const clearSignIn = clearCookie(signInCookie, 'Lax');
    const transaction = await signIns.take(parseCookies(req.headers.cookie).get(signInCookie) ?? '');
    if (!transaction)
      return html(res, 400, signInFailedPage('This sign-in has expired or was already used. Start again.'), {
        'set-cookie': clearSignIn,
      });
    const providerError = url.searchParams.get('error');
    if (providerError) {
      const description = url.searchParams.get('error_description') ?? providerError;
      return html(res, 400, signInFailedPage(`The sign-in service said: ${description.slice(0, 200)}`), {
        'set-cookie': clearSignIn,
      });
    }
    let who;
    try {
      // openid-client checks state, issuer, audience, signature, expiry, nonce and the PKCE exchange.
      const callbackUrl = new URL(url.pathname + url.search, config.publicUrl);
      who = await identity.finish(callbackUrl, transaction);
    } catch (error) {
      console.warn('[team-server] sign-in refused:', (error as { code?: string }).code ?? '', (error as Error).message);
      return html(
        res,
        400,
        signInFailedPage('The answer from the sign-in service could not be checked. Start again.'),
        {
          'set-cookie': clearSignIn,
        },
      );
    }
    const outcome = await users.signIn(who);
    if (!outcome.ok)
      return html(res, 403, notAddedPage(who.email ?? `${who.displayName} (${who.subject})`), {
        'set-cookie': clearSignIn,
      });
    if (transaction.desktop) {
      const code = await signIns.issueDesktopCode(outcome.userId, transaction.desktop);
      const back = new URL(transaction.desktop.redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', transaction.desktop.state);
      return redirect(res, back.toString(), { 'set-cookie': clearSignIn });
    }
    const sessionId = await sessions.create(outcome.userId, 'browser');
    html(res, 200, continuePage(), {
      'set-cookie': [clearSignIn, cookie(sessionCookie, sessionId, 'Strict', sessionMaxAge)],
    });
  }

  async function startDesktopSignIn(res: http.ServerResponse, url: URL) {
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    const port = Number(DESKTOP_REDIRECT.exec(redirectUri)?.[1] ?? 0);
    const state = url.searchParams.get('state') ?? '';
    const challenge = url.searchParams.get('code_challenge') ?? '';
    if (
      port < 1024 ||
      port > 65535 ||
      !STATE.test(state) ||
      !BASE64URL_43.test(challenge) ||
      url.searchParams.get('code_challenge_method') !== 'S256'
    )
      return html(
        res,
        400,
        signInFailedPage('This link did not come from the TPD Companion app. Start again from the app.'),
      );
    await startSignIn(res, { redirectUri, state, codeChallenge: challenge });
  }

  async function redeemDesktopCode(req: http.IncomingMessage, res: http.ServerResponse) {
    if (Number(req.headers['content-length'] ?? 0) > DESKTOP_TOKEN_MAX_BYTES)
      return sendJson(res, 413, { error: 'The request is too large.' });
    const body = await readJsonInput(req, res);
    if (!body) return;
    const parsed = desktopTokenSchema.safeParse(body.input);
    if (!parsed.success) return sendJson(res, 400, { error: 'invalid_request' });
    const userId = await signIns.redeemDesktopCode(parsed.data.code, parsed.data.codeVerifier, parsed.data.redirectUri);
    if (!userId) return sendJson(res, 400, { error: 'invalid_grant' });
    const session = await sessions.create(userId, 'desktop');
    const caller = await users.caller(userId);
    sendJson(res, 200, { session, displayName: caller?.displayName ?? '' });
  }

  function statusOf(caller: TeamCaller): TeamStatus {
    return {
      mode: 'team',
      server: publicOrigin,
      signedIn: true,
      user: { displayName: caller.displayName, email: caller.email },
      roles: caller.roles,
    };
  }

  /** `team:*` are the server's own; every other channel goes to the records, as this caller. */
  async function answerChannel(
    channel: string,
    input: unknown,
    who: Authenticated,
  ): Promise<{ result: Result<unknown>; headers: Record<string, string> }> {
    if (!isChannelName(channel) || !channel.startsWith('team:'))
      return { result: await runAsCaller(who.caller, () => records.dispatch(channel, input)), headers: {} };
    const parsed = contract[channel].input.safeParse(input);
    if (!parsed.success) return { result: { ok: false, error: invalidInput(parsed.error) }, headers: {} };
    switch (channel) {
      case 'team:status':
        return { result: { ok: true, data: statusOf(who.caller) }, headers: {} };
      case 'team:sign-out': {
        await sessions.end(who.sessionId);
        let endSessionUrl: string | null = null;
        try {
          endSessionUrl = await identity.endSessionUrl();
        } catch {
          // The provider is not answering: this server's session has ended all the same.
        }
        return {
          result: { ok: true, data: { signedOut: true, endSessionUrl } },
          headers: who.viaCookie ? { 'set-cookie': clearCookie(sessionCookie, 'Strict') } : {},
        };
      }
      default:
        return {
          result: { ok: false, error: { code: 'forbidden', message: 'This is already a team server.' } },
          headers: {},
        };
    }
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const who = await authenticate(req);
    if (!who) return sendJson(res, 401, SIGNED_OUT);
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'Use POST.' });
    if (who.viaCookie && !passesCsrf(req, who.sessionId))
      return sendJson(res, 403, {
        ok: false,
        error: { code: 'forbidden', message: 'This request did not come from the app’s own page, so it was refused.' },
      });
    const body = await readJsonInput(req, res);
    if (!body) return;
    const { result, headers } = await answerChannel(channelOf(url.pathname), body.input, who);
    sendJson(res, 200, result, headers);
  }

  /** GET /auth/session: who is signed in on this browser, and the CSRF token for its calls. */
  async function sessionInfo(req: http.IncomingMessage, res: http.ServerResponse) {
    const who = await authenticate(req);
    if (!who || !who.viaCookie) return sendJson(res, 401, { signedIn: false });
    sendJson(res, 200, { signedIn: true, csrfToken: csrfTokenFor(who.sessionId), status: statusOf(who.caller) });
  }

  function serveRenderer(res: http.ServerResponse, url: URL, head: boolean) {
    const isIndex = url.pathname === '/' || url.pathname === '/index.html';
    const file = resolveInside(rendererDir, isIndex ? 'index.html' : url.pathname);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('Not found');
    }
    const headers = {
      'content-type': contentTypeFor(file),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
    };
    if (isIndex) {
      const page = fs.readFileSync(file, 'utf8').replace('<head>', `<head>\n    ${TEAM_PAGE_MARKER}`);
      res.writeHead(200, headers);
      return res.end(head ? undefined : page);
    }
    res.writeHead(200, headers);
    if (head) return res.end();
    fs.createReadStream(file).pipe(res);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    if (secure) res.setHeader('strict-transport-security', 'max-age=31536000');

    if (req.headers.host !== config.publicUrl.host)
      return sendJson(res, 421, { error: `This server answers only as ${config.publicUrl.host}.` });
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== publicOrigin)
      return sendJson(res, 403, { error: 'Foreign origin refused.' });
    const url = new URL(req.url ?? '/', publicOrigin);
    const get = req.method === 'GET' || req.method === 'HEAD';

    if (url.pathname.startsWith('/api/')) return api(req, res, url);
    if (url.pathname === '/auth/desktop/token' && req.method === 'POST') return redeemDesktopCode(req, res);
    if (!get) return sendJson(res, 405, { error: 'Method not allowed.' });
    switch (url.pathname) {
      case '/auth/session':
        return sessionInfo(req, res);
      case '/auth/sign-in':
        return html(res, 200, signInPage(config.oidc.displayName));
      case '/auth/login':
        return startSignIn(res, null);
      case '/auth/callback':
        return finishSignIn(req, res, url);
      case '/auth/desktop/start':
        return startDesktopSignIn(res, url);
      case '/auth/signed-out':
        return html(res, 200, signedOutPage());
      case PAGE_STYLESHEET_PATH:
        res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(PAGE_STYLESHEET);
      default:
        return serveRenderer(res, url, req.method === 'HEAD');
    }
  }

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[team-server] request failed:', error);
      if (!res.headersSent)
        sendJson(res, 503, {
          ok: false,
          error: { code: 'internal', message: 'The team server could not answer just now (is its database running?).' },
        });
      else res.end();
    });
  };
  const server = config.tls
    ? https.createServer({ cert: config.tls.cert, key: config.tls.key, minVersion: 'TLSv1.2' }, onRequest)
    : http.createServer(onRequest);
  // Slow or endless requests end: nothing from outside decides how long a connection is held.
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.listen.port, config.listen.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${secure ? 'https' : 'http'}://${config.listen.host}:${port}`,
    port,
    sessions,
    close: async () => {
      unsubscribe();
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function defaultRendererDir(projectRoot: string): string {
  return path.join(projectRoot, 'out', 'renderer');
}
