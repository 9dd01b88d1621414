import { contract } from '../../shared/contract';
import { AppError, type Result } from '../../shared/result';
import type { TeamStatus } from '../../shared/team';
import type { Backend } from '../backend';
import { invalidInput } from '../handler-registry';
import { signInThroughBrowser, type DesktopSession } from '../team-client/loopback-sign-in';
import { teamConnectionStore, type SessionKeychain, type TeamConnection } from '../team-client/team-connection-store';
import { createTeamForwarder } from '../team-client/team-forwarder';

export interface TeamModeOptions {
  userDataDir: string;
  keychain: SessionKeychain;
  /** Electron's shell.openExternal; called only with the configured server's own sign-in address. */
  openExternal(url: string): Promise<void>;
  /** Linux without a keyring would keep the session in plain text: only with the user's say-so. */
  allowPlainTextBackend?: boolean;
  fetchImpl?: typeof fetch;
  /** Tests finish the sign-in faster than a person. */
  signIn?: (options: Parameters<typeof signInThroughBrowser>[0]) => Promise<DesktopSession>;
}

function loopbackHost(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

/**
 * Only the team server's own sign-in start may be opened in the system browser: https (or http on
 * this computer, a development server), the configured server's origin, the one path.
 */
export function isAllowedSignInUrl(url: string, server: string): boolean {
  try {
    const target = new URL(url);
    const origin = new URL(server);
    const secure = target.protocol === 'https:' || (target.protocol === 'http:' && loopbackHost(target));
    return secure && target.origin === origin.origin && target.pathname === '/auth/desktop/start';
  } catch {
    return false;
  }
}

/**
 * What the desktop window talks to: the personal backend, untouched, until the person connects to
 * a team server; then each call goes to the server with the session main keeps (safeStorage). The
 * `team:*` channels are answered here. Personal mode stays the default: no file, no server.
 */
export function teamModeBackend(
  personal: Pick<Backend, 'dispatch' | 'events'>,
  options: TeamModeOptions,
): Pick<Backend, 'dispatch' | 'events'> {
  const store = teamConnectionStore(options.userDataDir, options.keychain);
  let connection: TeamConnection | null = store.read();
  const forward = (channel: string, input: unknown) =>
    createTeamForwarder({
      server: connection!.server,
      session: () => connection?.session ?? null,
      ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
    })(channel, input);

  function keychainUsable(): void {
    if (!options.keychain.isEncryptionAvailable())
      throw new AppError('forbidden', 'This computer offers no secure storage for a team server session.');
    if (options.keychain.getSelectedStorageBackend?.() === 'basic_text' && !options.allowPlainTextBackend)
      throw new AppError(
        'forbidden',
        'This computer has no keyring, so the team server session would be stored in plain text. Start TPD Companion with --allow-plaintext-key to allow it.',
      );
  }

  async function connect(server: string): Promise<{ connected: true }> {
    keychainUsable();
    const origin = new URL(server).origin;
    const signIn = options.signIn ?? signInThroughBrowser;
    const session = await signIn({
      server: origin,
      openExternal: async (url) => {
        if (!isAllowedSignInUrl(url, origin)) throw new AppError('forbidden', 'That address may not be opened.');
        await options.openExternal(url);
      },
      ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
    });
    connection = { server: session.server, session: session.session };
    store.write(connection);
    return { connected: true };
  }

  async function status(): Promise<TeamStatus> {
    if (!connection) return { mode: 'personal', canConnect: true };
    const answer = await forward('team:status', {});
    if (answer.ok) return answer.data as TeamStatus;
    if (answer.error.code === 'signed_out') return { mode: 'team', server: connection.server, signedIn: false };
    throw new AppError(answer.error.code, answer.error.message);
  }

  /** Ends the session on the server (if it answers) and forgets it here; the server stays known. */
  async function signOut(): Promise<void> {
    if (!connection) throw new AppError('forbidden', 'This window is not connected to a team server.');
    if (connection.session) await forward('team:sign-out', {});
    connection = { server: connection.server, session: null };
    store.write(connection);
  }

  async function answerTeam(channel: keyof typeof contract, input: unknown): Promise<Result<unknown>> {
    const parsed = contract[channel].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
    try {
      switch (channel) {
        case 'team:status':
          return { ok: true, data: await status() };
        case 'team:connect':
          return { ok: true, data: await connect((parsed.data as { server: string }).server) };
        case 'team:sign-out':
          await signOut();
          return { ok: true, data: { signedOut: true, endSessionUrl: null } };
        case 'team:leave':
          if (connection?.session) await signOut();
          connection = null;
          store.forget();
          return { ok: true, data: { left: true } };
        default:
          return { ok: false, error: { code: 'unknown_channel', message: `No channel ${channel}` } };
      }
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toPayload() };
      console.error(`[${channel}] failed:`, error);
      return {
        ok: false,
        error: { code: 'internal', message: 'Something went wrong with the team server connection.' },
      };
    }
  }

  return {
    events: personal.events,
    async dispatch(channel, input) {
      if (channel.startsWith('team:') && channel in contract)
        return answerTeam(channel as keyof typeof contract, input);
      return connection ? forward(channel, input) : personal.dispatch(channel, input);
    },
  };
}
