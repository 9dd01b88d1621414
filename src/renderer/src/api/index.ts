import { createContext, useContext } from 'react';
import type { Client } from './client';
import { httpTransport, preloadTransport, takeHostToken, type Transport } from './transport';

export { ApiError } from './client';
export type { Client } from './client';
export { keyIn, type QueryKey } from './query-keys';

/** Picks the transport once at start-up: the preload bridge under Electron, HTTP in the browser host. */
export function defaultTransport(): Transport {
  return window.tpd
    ? preloadTransport(window.tpd)
    : httpTransport(takeHostToken(window.location, window.sessionStorage));
}

export const ClientContext = createContext<Client | null>(null);

export function useClient(): Client {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient must be used inside <ClientContext.Provider>');
  return client;
}

export function useApi() {
  return useClient().api;
}
