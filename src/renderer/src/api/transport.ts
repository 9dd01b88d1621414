import type { AppEventName, AppEvents } from '../../../shared/contract';
import type { Bridge } from '../../../shared/contract/bridge';
import type { Result } from '../../../shared/result';

/** How a call reaches main. The app never knows which one it has. */
export interface Transport {
  call(channel: string, input: unknown): Promise<Result<unknown>>;
  on<K extends AppEventName>(event: K, listener: (payload: AppEvents[K]) => void): () => void;
}

declare global {
  interface Window {
    /** Present only under Electron, put there by the preload. */
    tpd?: Bridge;
  }
}

/** Under Electron: the preload's named functions. */
export function preloadTransport(bridge: Bridge): Transport {
  const groups = bridge as unknown as Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>>;
  return {
    call(channel, input) {
      const i = channel.indexOf(':');
      const fn = groups[channel.slice(0, i)]?.[channel.slice(i + 1)];
      if (!fn)
        return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `No channel ${channel}` } });
      return fn(input);
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}

const TOKEN_KEY = 'tpd-host-token';

/** The browser host prints a URL ending `#token=…`; keep the token for this tab and tidy the address bar. */
export function takeHostToken(location: Location, storage: Storage): string {
  const match = /token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match) {
    storage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
    return match[1]!;
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

/** In the browser host: HTTP on 127.0.0.1, events over Server-Sent Events. */
export function httpTransport(token: string, fetchImpl: typeof fetch = fetch.bind(globalThis)): Transport {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const ensureSource = () => {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(token ? `/api/events?token=${encodeURIComponent(token)}` : '/api/events');
  };
  return {
    async call(channel, input) {
      try {
        const response = await fetchImpl(`/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-tpd-token': token },
          body: JSON.stringify(input ?? {}),
        });
        if (response.status === 401) {
          return {
            ok: false,
            error: {
              code: 'forbidden',
              message: 'This page is not connected to the browser host: open the address the host printed.',
            },
          };
        }
        return (await response.json()) as Result<unknown>;
      } catch {
        return {
          ok: false,
          error: { code: 'internal', message: 'The browser host is not answering. Is `npm run host` still running?' },
        };
      }
    },
    on(event, listener) {
      ensureSource();
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        source?.addEventListener(event, (message) => {
          const payload = JSON.parse((message as MessageEvent<string>).data) as never;
          for (const l of listeners.get(event) ?? []) l(payload);
        });
      }
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
}

/** True when a team server served this page (it marks the page; the browser host and Electron never do). */
export function isTeamServerPage(doc: Document): boolean {
  return doc.querySelector('meta[name="tpd-team-server"]') !== null;
}

const SIGNED_OUT = { ok: false, error: { code: 'signed_out', message: 'Signed out — sign in again.' } } as const;

/**
 * In a browser on a team server: the session is an HttpOnly cookie the page never sees; each call
 * carries the session's CSRF token (from `/auth/session`, which only this origin can read) in a
 * header. A 401 means the session ended: every call then answers `signed_out`.
 */
export function teamTransport(fetchImpl: typeof fetch = fetch.bind(globalThis)): Transport {
  let csrf: Promise<string | null> | null = null;
  const csrfToken = () =>
    (csrf ??= fetchImpl('/auth/session', { headers: { accept: 'application/json' } })
      .then(async (response) => (response.ok ? ((await response.json()) as { csrfToken: string }).csrfToken : null))
      .catch(() => {
        csrf = null;
        return null;
      }));
  const events = httpTransport('', fetchImpl);
  return {
    async call(channel, input) {
      const token = await csrfToken();
      if (token === null) {
        csrf = null;
        return SIGNED_OUT;
      }
      try {
        const response = await fetchImpl(`/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-tpd-csrf': token },
          body: JSON.stringify(input ?? {}),
        });
        if (response.status === 401) {
          csrf = null;
          return SIGNED_OUT;
        }
        return (await response.json()) as Result<unknown>;
      } catch {
        return {
          ok: false,
          error: {
            code: 'internal',
            message: 'The team server is not answering. Check your connection and try again.',
          },
        };
      }
    },
    on: (event, listener) => events.on(event, listener),
  };
}
