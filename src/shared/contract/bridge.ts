import type { AppEventName, AppEvents } from './events';
import type { ChannelName, Feature, InputOf, OutputOf } from './index';
import type { Result } from '../result';

/** What the preload exposes as `window.tpd`: one function per channel, plus `on` for events. */
export type Bridge = {
  [F in Feature]: {
    [C in ChannelName as C extends `${F}:${infer V}` ? V : never]: (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;
  };
} & {
  on<K extends AppEventName>(event: K, listener: (payload: AppEvents[K]) => void): () => void;
};

/** IPC channel that carries event `name` from main to the preload. */
export const eventChannel = (name: AppEventName) => `event:${name}`;
