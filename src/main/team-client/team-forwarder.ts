import type { Result } from '../../shared/result';

/** Past this, a call to the server is given up (the server has its own limits; this keeps the window responsive). */
const CALL_TIMEOUT_MS = 120_000;

export const SIGNED_OUT_RESULT: Result<never> = {
  ok: false,
  error: { code: 'signed_out', message: 'Signed out — sign in again.' },
};

/**
 * The desktop app in team mode: each renderer call, already checked for its sender by the IPC
 * layer, goes to the server's `POST /api/<channel>` over HTTPS with the session as a Bearer token.
 * The renderer never sees the token, and its CSP (`connect-src 'self'`) is unchanged.
 */
export function createTeamForwarder(options: {
  server: string;
  session: () => string | null;
  fetchImpl?: typeof fetch;
}) {
  const fetchImpl = options.fetchImpl ?? fetch;
  return async function forward(channel: string, input: unknown): Promise<Result<unknown>> {
    const session = options.session();
    if (!session) return SIGNED_OUT_RESULT;
    let response: Response;
    try {
      response = await fetchImpl(new URL(`/api/${encodeURIComponent(channel)}`, options.server), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
        body: JSON.stringify(input ?? {}),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch {
      return {
        ok: false,
        error: { code: 'internal', message: 'The team server is not answering. Check your connection and try again.' },
      };
    }
    if (response.status === 401) return SIGNED_OUT_RESULT;
    try {
      return (await response.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'internal', message: 'The team server’s answer was not understood.' } };
    }
  };
}
