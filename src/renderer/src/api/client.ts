import {
  CHANNEL_NAMES,
  contract,
  splitChannel,
  type Api,
  type AppEventName,
  type AppEvents,
} from '../../../shared/contract';
import { namespacesToRefresh, type QueryNamespace } from '../../../shared/contract/data-features';
import type { AppErrorPayload, ErrorCode } from '../../../shared/result';
import type { Transport } from './transport';

/** A failed call, carrying the same code, message and per-field messages main produced. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string>;
  constructor(payload: AppErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.code = payload.code;
    this.fields = payload.fields ?? {};
  }
}

/** Team mode: whether the session has ended (any call answered `signed_out`), for useSyncExternalStore. */
export interface SessionState {
  signedOut(): boolean;
  subscribe(listener: () => void): () => void;
}

export interface Client {
  api: Api;
  session: SessionState;
  on<K extends AppEventName>(event: K, listener: (payload: AppEvents[K]) => void): () => void;
}

export interface ClientOptions {
  /**
   * Called after a successful write with what it changed: the data features the channel declares
   * and every view reading them. The call resolves only after this has, so a caller that awaits a
   * save sees fresh data. Reads and failed calls never call it.
   */
  onChanged?(namespaces: QueryNamespace[]): unknown;
}

/** Builds `api.feature.verb(input)` for every channel in the contract over the given transport. */
export function createClient(transport: Transport, options: ClientOptions = {}): Client {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  let signedOut = false;
  const listeners = new Set<() => void>();
  const session: SessionState = {
    signedOut: () => signedOut,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  for (const name of CHANNEL_NAMES) {
    const [feature, verb] = splitChannel(name);
    const changed = namespacesToRefresh(contract[name].changes);
    (api[feature] ??= {})[verb] = async (input?: unknown) => {
      const result = await transport.call(name, input);
      if (!result.ok) {
        if (result.error.code === 'signed_out' && !signedOut) {
          signedOut = true;
          for (const listener of listeners) listener();
        }
        throw new ApiError(result.error);
      }
      if (changed.length > 0) await options.onChanged?.(changed);
      return result.data;
    };
  }
  return { api: api as unknown as Api, session, on: (event, listener) => transport.on(event, listener) };
}
