import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { formatWait, type LockStatus } from '../../../../shared/lock/lock-contract';
import { ApiError, useApi } from '../../api';
import { Field } from '../../components/Field';
import { lockKeys } from './queries';
import { PIN_INPUT } from './PinForm';

export type UnlockedWith = 'pin' | 'recovery-key';

const messageOf = (error: unknown) =>
  error instanceof ApiError ? error.message : 'The app could not be unlocked. Try again.';

/** "The next PIN can be tried in 25 seconds": counts down from the wait main last gave (remounted for each). */
function RetryCountdown({ retryInMs }: { retryInMs: number }) {
  const [until] = useState(() => Date.now() + retryInMs);
  const [left, setLeft] = useState(retryInMs);
  useEffect(() => {
    const timer = setInterval(() => setLeft(Math.max(0, until - Date.now())), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return left > 0 ? <p className="muted">The next PIN can be tried in {formatWait(left)}.</p> : null;
}

function Padlock() {
  return (
    <svg className="lock-icon" viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
      <path
        d="M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h1Zm2 0h6V7a3 3 0 0 0-6 0v3Z"
        fill="currentColor"
      />
    </svg>
  );
}

/**
 * What the window shows while the app is locked: nothing of the records behind it (the data views are
 * unmounted and their data dropped before this is drawn), a PIN field, and the recovery key for when
 * the PIN is forgotten or none is set.
 */
export function LockScreen({
  status,
  onUnlocked,
}: {
  status: LockStatus;
  onUnlocked(status: LockStatus, via: UnlockedWith): void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<UnlockedWith>(status.pinSet ? 'pin' : 'recovery-key');
  const [pin, setPin] = useState('');
  const [words, setWords] = useState('');
  const [error, setError] = useState<string | null>(null);
  // A new countdown after each refused try, even when main gives the same wait again.
  const [retryKey, setRetryKey] = useState(0);

  const unlock = useMutation({
    mutationFn: () =>
      mode === 'pin' ? api.lock['unlock-pin']({ pin }) : api.lock['unlock-recovery']({ words: words.trim() }),
    onSuccess: (next) => onUnlocked(next, mode),
    onError: (e) => {
      setError(messageOf(e));
      setPin('');
      setRetryKey((k) => k + 1);
      // The wait after this try, as main now counts it.
      void queryClient.invalidateQueries({ queryKey: lockKeys.status });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (mode === 'pin' && !pin) return setError('Type your PIN');
    if (mode === 'recovery-key' && !words.trim()) return setError('Type your recovery key');
    unlock.mutate();
  };
  const switchTo = (next: UnlockedWith) => {
    setMode(next);
    setError(null);
  };

  return (
    <main id="main" className="lock-screen">
      <div className="lock-card card stack">
        <div className="lock-heading">
          <Padlock />
          <h1>TPD Companion is locked</h1>
        </div>
        <p>
          {mode === 'pin'
            ? 'Your records are hidden. Type your PIN to carry on where you were.'
            : status.pinSet
              ? 'Type your recovery key, the 12 words from your recovery sheet, to carry on where you were.'
              : 'Your records are hidden. No PIN is set, so type your recovery key, the 12 words from your recovery sheet, to carry on where you were.'}
        </p>
        <form className="stack" noValidate onSubmit={submit} aria-label="Unlock">
          {mode === 'pin' ? (
            <Field label="PIN" error={error ?? undefined}>
              <input {...PIN_INPUT} value={pin} onChange={(e) => setPin(e.target.value)} autoFocus />
            </Field>
          ) : (
            <Field label="Recovery key" hint="The 12 words, in order, separated by spaces" error={error ?? undefined}>
              <textarea
                rows={3}
                value={words}
                onChange={(e) => setWords(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                autoFocus
              />
            </Field>
          )}
          {mode === 'pin' && status.retryInMs > 0 ? (
            <RetryCountdown key={`${status.retryInMs}:${retryKey}`} retryInMs={status.retryInMs} />
          ) : null}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={unlock.isPending}>
              {unlock.isPending ? 'Checking…' : mode === 'pin' ? 'Unlock' : 'Unlock with your recovery key'}
            </button>
            {status.pinSet ? (
              <button
                type="button"
                className="link-button"
                onClick={() => switchTo(mode === 'pin' ? 'recovery-key' : 'pin')}
              >
                {mode === 'pin' ? 'Forgotten your PIN? Use your recovery key' : 'Use your PIN instead'}
              </button>
            ) : null}
          </div>
        </form>
      </div>
    </main>
  );
}
