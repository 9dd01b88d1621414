import { useQueryClient, type Query } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useState,
  type ComponentProps,
  type ReactNode,
} from 'react';
import type { LockStatus } from '../../../../shared/lock/lock-contract';
import { ApiError, useClient } from '../../api';
import { usePresenting } from '../../lib/presenting';
import { LockScreen } from './LockScreen';
import { PinSetupStep } from './PinForm';
import { lockKeys, useLockStatus } from './queries';

const APP_TITLE = 'TPD Companion';
/** How long a restored scroll position waits for the page's rows to come back before it gives up. */
const RESTORE_FOR_MS = 5000;

/**
 * Keeps the main area's scroll position across a lock: remembered as the user scrolls, put back once
 * the page has come back tall enough (its data is fetched again after unlocking), unless the user
 * scrolls or types first.
 */
function createScrollKeeper() {
  let saved = 0;
  let pending: number | null = null;
  return {
    remember(top: number) {
      if (pending === null) saved = top;
    },
    locked() {
      pending = saved;
    },
    restoreInto(element: HTMLElement) {
      const target = pending;
      if (!target) {
        pending = null;
        return;
      }
      const started = performance.now();
      let frame = 0;
      const stop = () => {
        cancelAnimationFrame(frame);
        pending = null;
        for (const name of ['wheel', 'keydown', 'pointerdown'] as const) window.removeEventListener(name, stop, true);
      };
      for (const name of ['wheel', 'keydown', 'pointerdown'] as const) window.addEventListener(name, stop, true);
      const step = () => {
        const tallEnough = element.scrollHeight - element.clientHeight >= target;
        if (tallEnough || performance.now() - started > RESTORE_FOR_MS) {
          element.scrollTop = target;
          saved = element.scrollTop;
          stop();
          return;
        }
        frame = requestAnimationFrame(step);
      };
      frame = requestAnimationFrame(step);
    },
  };
}
type ScrollKeeper = ReturnType<typeof createScrollKeeper>;

const ScrollKeeperContext = createContext<ScrollKeeper | null>(null);

/** The app's scrolling main area, whose place a lock keeps. */
export function ScrollKeptMain(props: Omit<ComponentProps<'main'>, 'ref' | 'onScroll'>) {
  const keeper = useContext(ScrollKeeperContext);
  const attach = useCallback(
    (element: HTMLElement | null) => {
      if (element) keeper?.restoreInto(element);
    },
    [keeper],
  );
  return <main {...props} ref={attach} onScroll={(event) => keeper?.remember(event.currentTarget.scrollTop)} />;
}

const isLockedError = (error: unknown) => error instanceof ApiError && error.code === 'locked';
const notLockQuery = (query: Query) => query.queryKey[0] !== 'lock';

/**
 * Shows the app only while it is unlocked. Main says when it locks (an event, or `locked` answers to
 * any call); the lock screen then takes the place of everything below this gate, so every data view
 * is unmounted, and only after that is every query's data (and every mutation) dropped from the
 * renderer. Unlocking mounts the app again on the route it was on (the address never changed), and
 * the main area scrolls back to where it was.
 */
export function LockGate({ children }: { children: ReactNode }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const status = useLockStatus();
  const { presenting } = usePresenting();
  const [offeringPin, setOfferingPin] = useState(false);
  const [keeper] = useState(createScrollKeeper);
  // The keychain has lost the database key (Electron's locked start): every channel, this one too, answers
  // `locked`, and the app's own unlock page below takes over.
  const keychainLocked = isLockedError(status.error);
  const locked = status.data?.locked === true;

  const markLocked = useCallback(() => {
    queryClient.setQueryData(lockKeys.status, (old: LockStatus | undefined) => old && { ...old, locked: true });
    void queryClient.invalidateQueries({ queryKey: lockKeys.status });
  }, [queryClient]);

  useEffect(
    () =>
      client.on('lock-changed', ({ locked: nowLocked }) => {
        if (nowLocked) markLocked();
        else void queryClient.invalidateQueries({ queryKey: lockKeys.status });
      }),
    [client, queryClient, markLocked],
  );

  useEffect(() => {
    if (keychainLocked) return;
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && isLockedError(event.action.error)) {
        if (notLockQuery(event.query)) markLocked();
      }
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && isLockedError(event.action.error)) markLocked();
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient, keychainLocked, markLocked]);

  useEffect(() => {
    if (!locked) return;
    // The lock screen has replaced the app by now: nothing still on screen reads these.
    keeper.locked();
    void queryClient.cancelQueries({ predicate: notLockQuery });
    queryClient.removeQueries({ predicate: notLockQuery });
    queryClient.getMutationCache().clear();
  }, [locked, keeper, queryClient]);

  useEffect(() => {
    document.title = locked
      ? `Locked — ${APP_TITLE}`
      : presenting && !offeringPin
        ? `Presenting — ${APP_TITLE}`
        : APP_TITLE;
  }, [locked, presenting, offeringPin]);

  if (locked && status.data) {
    return (
      <LockScreen
        status={status.data}
        onUnlocked={(next, via) => {
          if (via === 'recovery-key' && !next.pinSet) setOfferingPin(true);
          queryClient.setQueryData(lockKeys.status, next);
        }}
      />
    );
  }
  if (offeringPin) {
    return (
      <PinSetupStep
        heading="Unlocked"
        done="Unlocked with your recovery key."
        intro="Next time, a PIN of 6 to 12 digits unlocks the app without your recovery key. Your recovery key still opens it if you forget the PIN."
        onDone={() => setOfferingPin(false)}
      />
    );
  }
  // While the status is still coming the app starts as usual: a locked main answers its calls with nothing.
  return <ScrollKeeperContext.Provider value={keeper}>{children}</ScrollKeeperContext.Provider>;
}
