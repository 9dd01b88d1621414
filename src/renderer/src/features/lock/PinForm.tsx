import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { pinSchema, PIN_MAX_DIGITS, type CurrentSecret, type LockStatus } from '../../../../shared/lock/lock-contract';
import { ApiError, useApi } from '../../api';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { lockKeys } from './queries';

/** The attributes every PIN input shares: hidden as typed, a number pad on touch screens, never remembered. */
export const PIN_INPUT = {
  type: 'password',
  inputMode: 'numeric',
  autoComplete: 'off',
  maxLength: PIN_MAX_DIGITS,
  spellCheck: false,
} as const;

export interface CurrentSecretInput {
  useRecoveryKey: boolean;
  pin: string;
  words: string;
}

export const NO_CURRENT_SECRET: CurrentSecretInput = { useRecoveryKey: false, pin: '', words: '' };

export function currentSecretOf(input: CurrentSecretInput): CurrentSecret {
  return input.useRecoveryKey ? { kind: 'recovery-key', words: input.words } : { kind: 'pin', pin: input.pin };
}

/** Where main put its message about the current PIN or recovery key, if that is what it is about. */
export function currentSecretError(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  return error.fields['current.pin'] ?? error.fields['current.words'] ?? error.fields.secret ?? null;
}

/** "Current PIN", or the recovery key for a forgotten PIN: what changing or removing the PIN asks first. */
export function CurrentSecretFields({
  value,
  onChange,
  error,
}: {
  value: CurrentSecretInput;
  onChange(next: CurrentSecretInput): void;
  error: string | null;
}) {
  return (
    <div className="stack">
      {value.useRecoveryKey ? (
        <Field label="Recovery key" hint="The 12 words, in order, separated by spaces" error={error ?? undefined}>
          <textarea
            rows={2}
            value={value.words}
            onChange={(e) => onChange({ ...value, words: e.target.value })}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
      ) : (
        <Field label="Current PIN" error={error ?? undefined}>
          <input {...PIN_INPUT} value={value.pin} onChange={(e) => onChange({ ...value, pin: e.target.value })} />
        </Field>
      )}
      <div>
        <button
          type="button"
          className="link-button"
          onClick={() => onChange({ ...value, useRecoveryKey: !value.useRecoveryKey })}
        >
          {value.useRecoveryKey ? 'Use your current PIN instead' : 'Forgotten your PIN? Use your recovery key'}
        </button>
      </div>
    </div>
  );
}

/**
 * Sets a new PIN (typed twice), or changes it: with a PIN already set it asks for the current one, or
 * the recovery key. The shared schema checks the new PIN here as main will.
 */
export function PinForm({
  pinSet,
  submitLabel,
  onSaved,
  children,
}: {
  pinSet: boolean;
  submitLabel: string;
  onSaved(status: LockStatus): void;
  /** More buttons beside Save (Cancel, Skip). */
  children?: ReactNode;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState(NO_CURRENT_SECRET);
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ current?: string | null; pin?: string; again?: string; form?: string }>({});
  const save = useMutation({
    mutationFn: () => api.lock['set-pin']({ pin, current: pinSet ? currentSecretOf(current) : null }),
    onSuccess: (status) => {
      queryClient.setQueryData(lockKeys.status, status);
      onSaved(status);
    },
    onError: (error) => {
      const aboutCurrent = currentSecretError(error);
      if (aboutCurrent) setErrors({ current: aboutCurrent });
      else if (error instanceof ApiError && error.fields.pin) setErrors({ pin: error.fields.pin });
      else setErrors({ form: error instanceof ApiError ? error.message : 'The PIN was not saved.' });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    const checked = pinSchema.safeParse(pin);
    if (!checked.success) next.pin = checked.error.issues[0]?.message ?? 'Check the PIN';
    else if (again !== pin) next.again = 'The two PINs are not the same';
    if (pinSet && !current.useRecoveryKey && !current.pin) next.current = 'Type your current PIN';
    if (pinSet && current.useRecoveryKey && !current.words.trim()) next.current = 'Type your recovery key';
    setErrors(next);
    if (Object.keys(next).length === 0) save.mutate();
  };
  return (
    <form className="stack" noValidate onSubmit={submit} aria-label={submitLabel}>
      <FormError message={errors.form} />
      {pinSet ? <CurrentSecretFields value={current} onChange={setCurrent} error={errors.current ?? null} /> : null}
      <div className="pin-fields">
        <Field label={pinSet ? 'New PIN' : 'PIN'} hint="6 to 12 digits" error={errors.pin}>
          <input {...PIN_INPUT} value={pin} onChange={(e) => setPin(e.target.value)} />
        </Field>
        <Field label={pinSet ? 'New PIN again' : 'PIN again'} error={errors.again}>
          <input {...PIN_INPUT} value={again} onChange={(e) => setAgain(e.target.value)} />
        </Field>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}

/**
 * The optional PIN step: after the recovery key is checked at first start, and after the lock screen
 * was opened with the recovery key while no PIN is set.
 */
export function PinSetupStep({
  heading,
  done,
  intro,
  onDone,
}: {
  heading: string;
  /** What was just done, said first ("Your recovery key is noted and checked."). */
  done: string;
  intro: string;
  onDone(): void;
}) {
  return (
    <main id="main" className="first-start">
      <div className="first-start-body stack">
        <h1>{heading}</h1>
        <div className="alert alert-success" role="status">
          {done}
        </div>
        <section className="card stack" aria-labelledby="pin-step-heading">
          <h2 id="pin-step-heading">An app PIN (optional)</h2>
          <p>{intro}</p>
          <PinForm pinSet={false} submitLabel="Set PIN" onSaved={onDone}>
            <button type="button" className="button" onClick={onDone}>
              Not now
            </button>
          </PinForm>
          <p className="muted">You can set, change or remove the PIN at any time in Settings → Lock.</p>
        </section>
      </div>
    </main>
  );
}
