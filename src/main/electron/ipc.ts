import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { CHANNEL_NAMES } from '../../shared/contract';
import { eventChannel } from '../../shared/contract/bridge';
import type { Backend } from '../backend';
import { isTrustedSender } from './trusted-sender';

function describeFrame(frame: WebFrameMain | null) {
  return frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
}

/** One `handle` per contract channel; every call is checked for its sender, then dispatched. */
export function registerIpc(
  backend: Pick<Backend, 'dispatch' | 'events'>,
  getWindow: () => BrowserWindow | null,
): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrustedSender(describeFrame(event.senderFrame))) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'This request did not come from the app’s own window.' },
        };
      }
      return backend.dispatch(channel, input);
    });
  }
  const unsubscribe = backend.events.subscribe((name, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(eventChannel(name), payload);
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
