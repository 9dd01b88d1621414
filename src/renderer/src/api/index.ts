import { createContext, useContext } from 'react';
import type { Client } from './client';
import {
  httpTransport,
  isTeamServerPage,
  preloadTransport,
  takeHostToken,
  teamTransport,
  type Transport,
} from './transport';

export { ApiError } from './client';
export type { Client } from './client';
export { keyIn, type QueryKey } from './query-keys';

/**
 * Picks the transport once at start-up: the preload bridge under Electron, the session cookie on a
 * team server, HTTP with the per-run token in the browser host.
 */
export function defaultTransport(): Transport {
  if (window.tpd) return preloadTransport(window.tpd);
  if (isTeamServerPage(document)) return teamTransport();
  return httpTransport(takeHostToken(window.location, window.sessionStorage));
}

export { isTeamServerPage } from './transport';

export const ClientContext = createContext<Client | null>(null);

export function useClient(): Client {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient must be used inside <ClientContext.Provider>');
  return client;
}

export function useApi() {
  return useClient().api;
}
