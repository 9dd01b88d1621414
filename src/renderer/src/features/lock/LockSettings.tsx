import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  DEFAULT_LOCK_AFTER_MINUTES,
  LOCK_AFTER_CHOICES,
  type LockAfterMinutes,
  type LockStatus,
} from '../../../../shared/lock/lock-contract';
import { ApiError, useApi } from '../../api';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Select } from '../../components/Select';
import { useToast } from '../../components/Toasts';
import { CurrentSecretFields, currentSecretError, currentSecretOf, NO_CURRENT_SECRET, PinForm } from './PinForm';
import { lockKeys, useLockStatus } from './queries';

const NEVER = 'never';
const LOCK_AFTER_OPTIONS = [
  ...LOCK_AFTER_CHOICES.map((minutes) => ({
    value: String(minutes),
    label: `${minutes} minute${minutes === 1 ? '' : 's'}${minutes === DEFAULT_LOCK_AFTER_MINUTES ? ' (default)' : ''}`,
  })),
  { value: NEVER, label: 'Never' },
];

/** Settings → Lock: when the app locks by itself, the PIN (set, change, remove), and "Lock now". */
export function LockSettings() {
  const status = useLockStatus();
  return (
    <section className="card stack" aria-labelledby="lock-heading">
      <h2 id="lock-heading">Lock</h2>
      <p className="muted">
        The app locks after a time without input, when this computer locks or sleeps, and when you press Ctrl+L. While
        locked it shows nothing of your records until you type your PIN or your recovery key. To share your screen with
        a trainee, turn on Presenting (Ctrl+Shift+P): it hides private notes, other trainees’ names and Today.
      </p>
      {status.data ? <LockForms status={status.data} /> : <p role="status">Loading…</p>}
    </section>
  );
}

function LockForms({ status }: { status: LockStatus }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [editing, setEditing] = useState<'pin' | 'remove' | null>(null);
  const setIdle = useMutation({
    mutationFn: (minutes: LockAfterMinutes | null) => api.lock['set-idle']({ minutes }),
    onSuccess: (next) => {
      queryClient.setQueryData(lockKeys.status, next);
      notify(
        next.lockAfterMinutes === null
          ? 'The app will not lock by itself'
          : `The app will lock after ${next.lockAfterMinutes} minute${next.lockAfterMinutes === 1 ? '' : 's'} without input`,
      );
    },
  });
  const lockNow = useMutation({ mutationFn: () => api.lock.now() });

  return (
    <>
      <Field
        label="Lock after no input for"
        hint="Also when this computer locks its screen or sleeps"
        error={setIdle.isError ? (setIdle.error.message ?? 'Not saved') : undefined}
      >
        <Select
          value={status.lockAfterMinutes === null ? NEVER : String(status.lockAfterMinutes)}
          onChange={(e) =>
            setIdle.mutate(e.target.value === NEVER ? null : (Number(e.target.value) as LockAfterMinutes))
          }
          options={LOCK_AFTER_OPTIONS}
        />
      </Field>

      <h3 id="pin-heading">PIN</h3>
      <p>
        {status.pinSet
          ? 'A PIN is set: it unlocks the app. Your recovery key still does, if you forget the PIN.'
          : 'No PIN is set: the lock screen asks for your recovery key. A PIN of 6 to 12 digits is quicker to type.'}
      </p>
      {editing === 'pin' ? (
        <PinForm
          pinSet={status.pinSet}
          submitLabel={status.pinSet ? 'Change PIN' : 'Set PIN'}
          onSaved={() => {
            setEditing(null);
            notify(status.pinSet ? 'PIN changed' : 'PIN set');
          }}
        >
          <button type="button" className="button" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </PinForm>
      ) : editing === 'remove' ? (
        <RemovePinForm
          onDone={(removed) => {
            setEditing(null);
            if (removed) notify('PIN removed');
          }}
        />
      ) : (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setEditing('pin')}>
            {status.pinSet ? 'Change PIN…' : 'Set a PIN…'}
          </button>
          {status.pinSet ? (
            <button type="button" className="button" onClick={() => setEditing('remove')}>
              Remove PIN…
            </button>
          ) : null}
        </div>
      )}

      <h3>Lock now</h3>
      <FormError message={lockNow.isError ? lockNow.error.message : null} />
      <div className="button-row">
        <button type="button" className="button" onClick={() => lockNow.mutate()} aria-keyshortcuts="Control+L">
          Lock now <kbd>Ctrl+L</kbd>
        </button>
      </div>
    </>
  );
}

function RemovePinForm({ onDone }: { onDone(removed: boolean): void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState(NO_CURRENT_SECRET);
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: () => api.lock['remove-pin']({ current: currentSecretOf(current) }),
    onSuccess: (next) => {
      queryClient.setQueryData(lockKeys.status, next);
      onDone(true);
    },
    onError: (e) => setError(currentSecretError(e) ?? (e instanceof ApiError ? e.message : 'The PIN was not removed.')),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = current.useRecoveryKey ? !current.words.trim() : !current.pin;
    if (missing) return setError(current.useRecoveryKey ? 'Type your recovery key' : 'Type your current PIN');
    setError(null);
    remove.mutate();
  };
  return (
    <form className="stack" noValidate onSubmit={submit} aria-label="Remove PIN">
      <p>Without a PIN, the lock screen asks for your recovery key.</p>
      <CurrentSecretFields value={current} onChange={setCurrent} error={error} />
      <div className="button-row">
        <button type="submit" className="button button-danger" disabled={remove.isPending}>
          {remove.isPending ? 'Removing…' : 'Remove PIN'}
        </button>
        <button type="button" className="button" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
