import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api';

const SAVE_AFTER_MS = 700;

/**
 * Saves a form as it is typed, a moment after the last keystroke, into the encrypted database
 * through `drafts:save`; so a crash or a closed window loses nothing.
 */
export function useAutosaveDraft(key: string, traineeId: string, values: unknown, enabled: boolean) {
  const api = useApi();
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const payload = JSON.stringify(values);
  const last = useRef(payload);
  const paused = useRef(false);
  /** Around a save of the form itself: while paused, nothing is written, so the saved record's draft is not brought back. */
  const pause = (value: boolean) => {
    paused.current = value;
  };
  useEffect(() => {
    if (!enabled || payload === last.current) return;
    const timer = setTimeout(() => {
      if (paused.current) return;
      last.current = payload;
      api.drafts
        .save({ key, traineeId, payload })
        .then((r) => {
          setSavedAt(r.updatedAt);
          setError(null);
        })
        .catch((e: Error) => setError(e.message));
    }, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [api, key, traineeId, payload, enabled]);

  // Closing the form (or the window) inside the quiet period still keeps the last keystrokes.
  const pending = useRef({ payload, enabled });
  useEffect(() => {
    pending.current = { payload, enabled };
  });
  useEffect(() => {
    const flush = () => {
      const { payload: latest, enabled: on } = pending.current;
      if (!on || paused.current || latest === last.current) return;
      last.current = latest;
      void api.drafts.save({ key, traineeId, payload: latest }).catch(() => undefined);
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [api, key, traineeId]);
  return { savedAt, error, pause };
}
