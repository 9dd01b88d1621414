import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, useApi } from '../../api';
import { Field } from '../../components/Field';

/**
 * Shown instead of the app when this computer's secure storage has lost the database key (a new
 * keyring, a reset profile): the recovery key opens the database again and the key is stored back.
 * A mistyped word and a wrong key each say so; nothing is changed or deleted by a failed try.
 */
export function UnlockPage() {
  const api = useApi();
  const [words, setWords] = useState('');
  const unlock = useMutation({
    mutationFn: () => api.recovery.unlock({ words }),
    onSuccess: () => window.location.reload(),
  });
  const error = unlock.error instanceof ApiError ? unlock.error.message : unlock.error ? String(unlock.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    unlock.mutate();
  };
  return (
    <main id="main" className="first-start">
      <div className="first-start-body stack">
        <h1>Unlock TPD Companion</h1>
        <p>
          This computer’s secure storage no longer holds the key to your records (this happens after a new keyring, a
          reset user profile or copying the app’s folder). Your records are safe: type your recovery key, the 12 words
          from your recovery sheet, to open them again.
        </p>
        <form className="card stack" onSubmit={submit} noValidate aria-label="Unlock with your recovery key">
          <Field label="Recovery key" hint="The 12 words, in order, separated by spaces" error={error ?? undefined}>
            <textarea rows={3} value={words} onChange={(e) => setWords(e.target.value)} autoComplete="off" />
          </Field>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={unlock.isPending}>
              {unlock.isPending ? 'Unlocking…' : 'Unlock with your recovery key'}
            </button>
          </div>
        </form>
        <p className="muted">
          Nothing has been deleted. Without the recovery key, the records can still be brought back from a backup with
          your backup passphrase, if you set one, through “Restore from a backup” when TPD Companion first starts on a
          new computer or user profile.
        </p>
      </div>
    </main>
  );
}
