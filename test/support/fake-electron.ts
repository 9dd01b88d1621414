/**
 * A stand-in for the `electron` module in node tests: records handlers and calls, never starts
 * Chromium. Only the parts the glue code touches are here.
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const handled = new Map<string, Handler>();

export const ipcMain = {
  handle(channel: string, handler: Handler) {
    if (handled.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handled.set(channel, handler);
  },
  removeHandler(channel: string) {
    handled.delete(channel);
  },
};

export const sent: Array<{ channel: string; payload: unknown }> = [];

export const protocol = {
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged: () => undefined,
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
    this.handlers.set(scheme, handler);
  },
};

export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(name: string, value: unknown) {
    this.exposed[name] = value;
  },
};

export const ipcRenderer = {
  invocations: [] as Array<{ channel: string; input: unknown }>,
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
  invoke(channel: string, input: unknown) {
    this.invocations.push({ channel, input });
    return Promise.resolve({ ok: true, data: { channel, input } });
  },
  on(channel: string, listener: (...args: unknown[]) => void) {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
  },
  removeListener(channel: string, listener: (...args: unknown[]) => void) {
    this.listeners.get(channel)?.delete(listener);
  },
};

/** Notifications shown by the glue, newest last; `click()` stands in for the user clicking one. */
export class Notification {
  static shown: Notification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  private handlers = new Map<string, Array<() => void>>();
  constructor(readonly options: { title: string; body: string }) {}
  on(event: string, handler: () => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  show(): void {
    Notification.shown.push(this);
  }
  click(): void {
    for (const handler of this.handlers.get('click') ?? []) handler();
  }
}

/** The system's power and screen-lock events; a test emits 'lock-screen' or 'suspend' as the system would. */
export const powerMonitor = new EventEmitter();

export default { ipcMain, protocol, contextBridge, ipcRenderer, Notification, powerMonitor };
