import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ApiError, useApi } from '../../api';
import { lockKeys, useLockStatus } from './queries';

/** The longest gap between two reports of input: a lock comes at most this much before its time. */
const MAX_REPORT_GAP_MS = 10_000;
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Tells main the user is here: once when the app is shown (which also lets the lock close at all: the
 * first-start steps never report), then on input, at most every few seconds. Main counts the idle
 * period from the last report and locks by itself, so a stuck window still locks.
 */
export function useActivityReports(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  const idleLockMs = useLockStatus().data?.idleLockMs ?? null;
  const gap = useRef(MAX_REPORT_GAP_MS);
  useEffect(() => {
    gap.current = idleLockMs === null ? MAX_REPORT_GAP_MS : Math.min(MAX_REPORT_GAP_MS, Math.max(250, idleLockMs / 4));
  }, [idleLockMs]);
  useEffect(() => {
    let last = -Infinity;
    const report = () => {
      const at = performance.now();
      if (at - last < gap.current) return;
      last = at;
      api.lock.activity().catch((error: unknown) => {
        // Locked meanwhile (and the event missed): the lock status says so.
        if (error instanceof ApiError && error.code === 'locked')
          void queryClient.invalidateQueries({ queryKey: lockKeys.status });
      });
    };
    report();
    for (const name of INPUT_EVENTS) window.addEventListener(name, report, { capture: true, passive: true });
    return () => {
      for (const name of INPUT_EVENTS) window.removeEventListener(name, report, { capture: true });
    };
  }, [api, queryClient]);
}
