import type { AppEventName, AppEvents } from '../shared/contract';

type Listener = <K extends AppEventName>(name: K, payload: AppEvents[K]) => void;

/** Main-to-renderer messages. Each transport (IPC, the browser host's event stream) subscribes once. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<K extends AppEventName>(name: K, payload: AppEvents[K]): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Lets queued IPC/HTTP work (progress polls, event pushes) run during a long job. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
