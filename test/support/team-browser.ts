/**
 * A scripted browser for the team-server tests: a cookie jar per host name (as browsers keep them:
 * ports share cookies), redirects followed one at a time so a test can stop at, change or replay
 * any step of a sign-in.
 */
export class ScriptedBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  setCookie(host: string, name: string, value: string): void {
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    this.jar.get(host)!.set(name, value);
  }

  forget(host: string, name: string): void {
    this.jar.get(host)?.delete(name);
  }

  /** One request, no redirect followed; cookies sent and kept. */
  async request(url: string | URL, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const cookies = [...(this.jar.get(target.hostname) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: { ...(cookies ? { cookie: cookies } : {}), ...init.headers },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (gone) this.forget(target.hostname, name);
      else this.setCookie(target.hostname, name, value);
    }
    return response;
  }

  /** GETs `url` and follows redirects until a page answers or `stopAt` matches the next address (returned unvisited). */
  async follow(
    url: string | URL,
    stopAt: (next: URL) => boolean = () => false,
  ): Promise<{ url: URL; response: Response | null }> {
    let next = new URL(url);
    for (let hop = 0; hop < 20; hop++) {
      if (stopAt(next)) return { url: next, response: null };
      const response = await this.request(next);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: next, response };
      next = new URL(location, next);
    }
    throw new Error('Too many redirects');
  }
}

/** Opens the server's sign-in and fills in the development provider's login form; stops at the server's callback. */
export async function signInUpToCallback(
  browser: ScriptedBrowser,
  serverUrl: string,
  email: string,
  password: string,
  start = '/auth/login',
): Promise<URL> {
  const isCallback = (u: URL) => u.origin === new URL(serverUrl).origin && u.pathname === '/auth/callback';
  const login = await browser.follow(new URL(start, serverUrl), isCallback);
  if (!login.response || !login.url.pathname.startsWith('/interaction/'))
    throw new Error(`Expected the provider's login form, got ${login.url}`);
  const posted = await browser.request(new URL(`${login.url.pathname}/login`, login.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  });
  const location = posted.headers.get('location');
  if (!location) throw new Error(`The login form answered ${posted.status}: ${await posted.text()}`);
  const back = await browser.follow(new URL(location, login.url), isCallback);
  if (back.response)
    throw new Error(`Expected a redirect to the server's callback, got ${back.url} (${back.response.status})`);
  return back.url;
}
