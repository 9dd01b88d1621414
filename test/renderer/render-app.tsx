import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { vi } from 'vitest';
import type { AppEventName, AppEvents, ChannelName, OutputOf, ParsedInputOf } from '../../src/shared/contract';
import type { Result } from '../../src/shared/result';
import { AppError } from '../../src/shared/result';
import { ClientContext } from '../../src/renderer/src/api';
import type { Transport } from '../../src/renderer/src/api/transport';
import { connectClient } from '../../src/renderer/src/app/query-client';
import { ToastProvider } from '../../src/renderer/src/components/Toasts';

export type FakeHandlers = { [C in ChannelName]?: (input: ParsedInputOf<C>) => OutputOf<C> | Promise<OutputOf<C>> };

/**
 * A transport answering from in-memory handlers, typed by the contract. Handlers may throw
 * AppError to produce the same error envelope main would.
 */
export function fakeTransport(handlers: FakeHandlers) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: Array<{ channel: string; input: unknown }> = [];
  const transport: Transport = {
    async call(channel, input): Promise<Result<unknown>> {
      calls.push({ channel, input });
      const handler = handlers[channel as ChannelName] as ((input: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'unknown_channel', message: `No fake for ${channel}` } };
      try {
        return { ok: true, data: await handler(input) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toPayload() };
        throw error;
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const emit = <K extends AppEventName>(event: K, payload: AppEvents[K]) =>
    listeners.get(event)?.forEach((l) => l(payload));
  return { transport, calls, emit };
}

/**
 * Renders `ui` as the app would: the fake transport goes through the same `connectClient` as
 * the real one, so a write refreshes the queries it changed exactly as in the app.
 */
export function renderWithApp(
  ui: ReactElement,
  handlers: FakeHandlers,
  path = '/',
  {
    // Without a stale time every remount refetches; pass the app's own client to test what it caches.
    queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } }),
  }: { queryClient?: QueryClient } = {},
) {
  const fake = fakeTransport(handlers);
  const location = memoryLocation({ path, record: true });
  const utils = render(
    <ClientContext.Provider value={connectClient(fake.transport, queryClient)}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <Router hook={location.hook}>{ui}</Router>
        </ToastProvider>
      </QueryClientProvider>
    </ClientContext.Provider>,
  );
  return { ...utils, ...fake, location, queryClient };
}

export const noop = vi.fn();
