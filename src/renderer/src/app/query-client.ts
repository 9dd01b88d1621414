import { QueryClient } from '@tanstack/react-query';
import type { QueryNamespace } from '../../../shared/contract/data-features';
import { createClient, type Client } from '../api/client';
import type { Transport } from '../api/transport';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 } },
  });
}

/** Marks every query whose key starts with one of the namespaces stale, and refetches those on screen. */
export function refreshNamespaces(queryClient: QueryClient, namespaces: readonly QueryNamespace[]): Promise<unknown> {
  return Promise.all(namespaces.map((namespace) => queryClient.invalidateQueries({ queryKey: [namespace] })));
}

/**
 * The api client wired to the query cache: every successful write, whichever component or hook
 * made it, refreshes the features it changed and the views that read them. The app and the
 * renderer tests both connect through here, so the tests exercise the same refresh.
 */
export function connectClient(transport: Transport, queryClient: QueryClient): Client {
  return createClient(transport, { onChanged: (namespaces) => refreshNamespaces(queryClient, namespaces) });
}
