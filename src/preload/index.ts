import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { APP_EVENT_NAMES, CHANNEL_NAMES, splitChannel, type AppEventName } from '../shared/contract';
import { eventChannel } from '../shared/contract/bridge';

// Only named functions generated from the contract cross the bridge: no raw ipcRenderer, no send.
const bridge: Record<string, unknown> = {};
for (const name of CHANNEL_NAMES) {
  const [feature, verb] = splitChannel(name);
  const group = (bridge[feature] ??= {}) as Record<string, (input: unknown) => Promise<unknown>>;
  group[verb] = (input: unknown) => ipcRenderer.invoke(name, input);
}

bridge.on = (event: AppEventName, listener: (payload: unknown) => void): (() => void) => {
  if (!APP_EVENT_NAMES.includes(event)) throw new Error(`Unknown event “${String(event)}”.`);
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(eventChannel(event), forward);
  return () => ipcRenderer.removeListener(eventChannel(event), forward);
};

contextBridge.exposeInMainWorld('tpd', bridge);
