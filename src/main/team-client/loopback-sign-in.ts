import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../shared/result';
import { escapeHtml, PAGE_STYLESHEET } from '../team-server/pages';

/** How long the desktop app waits for the person to finish signing in in their browser. */
export const SIGN_IN_WAIT_MS = 5 * 60_000;

export interface DesktopSession {
  /** The server's origin, e.g. `https://tpd.example.nhs.uk`. */
  server: string;
  /** The 256-bit session id, sent as a Bearer token; kept only in safeStorage. */
  session: string;
  displayName: string;
}

export interface LoopbackSignInOptions {
  server: string;
  /** Opens the system browser (Electron's shell.openExternal, after the allow-list check). */
  openExternal(url: string): Promise<void>;
  fetchImpl?: typeof fetch;
  waitMs?: number;
}

function page(title: string, message: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${PAGE_STYLESHEET}</style></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Signs the desktop app in to a team server as RFC 8252 has native apps do it: the system browser
 * (never a window of the app's own), a one-shot listener on 127.0.0.1 at a random port for the
 * redirect, a fresh state checked on return, and PKCE (S256), so a code seen by anything else on
 * this computer is no use without the verifier this process holds. No client secret is shipped:
 * the server signs the person in with its identity provider and hands back a one-time code.
 */
export async function signInThroughBrowser(options: LoopbackSignInOptions): Promise<DesktopSession> {
  const server = new URL(options.server).origin;
  const fetchImpl = options.fetchImpl ?? fetch;
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(24).toString('base64url');

  let settle!: { resolve(code: string): void; reject(error: Error): void };
  const codeArrived = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  // A wrong answer may arrive while the browser is still opening: it is reported when awaited below.
  codeArrived.catch(() => undefined);
  const listener = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/callback') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('Not found');
    }
    const code = url.searchParams.get('code');
    const returned = url.searchParams.get('state') ?? '';
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (!code || !sameText(returned, state)) {
      res.writeHead(400, headers);
      res.end(
        page(
          'Sign-in did not complete',
          'This answer did not belong to the sign-in TPD Companion started. Try again from the app.',
        ),
      );
      return settle.reject(
        new AppError('forbidden', 'The sign-in answer did not match the one the app started. Try again.'),
      );
    }
    res.writeHead(200, headers);
    res.end(page('Signed in', 'You can close this tab and go back to TPD Companion.'));
    settle.resolve(code);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const redirectUri = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/callback`;
  const timer = setTimeout(
    () => settle.reject(new AppError('cancelled', 'Sign-in was not finished in the browser in time. Try again.')),
    options.waitMs ?? SIGN_IN_WAIT_MS,
  );
  try {
    const start = new URL('/auth/desktop/start', server);
    start.search = new URLSearchParams({
      redirect_uri: redirectUri,
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    await options.openExternal(start.toString());
    const code = await codeArrived;
    let response: Response;
    try {
      response = await fetchImpl(new URL('/auth/desktop/token', server), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, codeVerifier: verifier, redirectUri }),
      });
    } catch {
      throw new AppError('internal', `The team server at ${server} is not answering.`);
    }
    if (!response.ok) throw new AppError('forbidden', 'The team server did not accept this sign-in. Try again.');
    const body = (await response.json()) as { session?: unknown; displayName?: unknown };
    if (typeof body.session !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(body.session))
      throw new AppError('internal', 'The team server’s answer was not understood.');
    return { server, session: body.session, displayName: typeof body.displayName === 'string' ? body.displayName : '' };
  } finally {
    clearTimeout(timer);
    listener.closeAllConnections();
    listener.close();
  }
}
