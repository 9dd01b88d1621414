import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  BACKUP_WARNING_DAYS,
  MIN_PASSPHRASE_LENGTH,
  type NewRecoveryKey,
} from '../../../../shared/backups/backup-contract';
import { formatUkDateTime } from '../../../../shared/dates';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useToast } from '../../components/Toasts';
import { saveExportedFile } from '../../lib/download';
import { useBackupStatus } from './queries';
import { RecoveryKeySetup } from './RecoveryKeySetup';
import { RestoreDialog, restoredSummary } from './RestoreDialog';
import { hasNativeDialogs } from './secret';

const messageOf = (error: unknown, fallback: string) => (error instanceof ApiError ? error.message : fallback);

/** Settings → Backups: where they go, the last one, back up now, the passphrase, the recovery key, restore. */
export function BackupSettings() {
  const api = useApi();
  const status = useBackupStatus();
  const { notify } = useToast();
  const native = hasNativeDialogs();
  const [restoring, setRestoring] = useState(false);
  const backUp = useMutation({
    mutationFn: async () => {
      if (native) return (await api.backups['run-now']()).file;
      // The browser host has no folder of its own for the user: the backup is downloaded as well.
      const { made, file } = await api.backups['run-now-download']();
      saveExportedFile(file);
      return made.file;
    },
    onSuccess: () => notify('Backup made and checked'),
  });
  const chooseFolder = useMutation({ mutationFn: () => api.backups['choose-folder']() });

  const data = status.data;
  return (
    <section className="card stack" aria-labelledby="backups-heading">
      <h2 id="backups-heading">Backups</h2>
      {!data ? (
        <p role="status">Loading…</p>
      ) : (
        <>
          <p className="muted">
            A checked, encrypted backup is made once a day while the app is open. Your recovery key or backup passphrase
            opens it.
          </p>
          {data.overdue ? (
            <div className="alert alert-warning">
              {data.lastSuccessAt
                ? `No backup has succeeded for ${BACKUP_WARNING_DAYS} days.`
                : `No backup has been made for ${BACKUP_WARNING_DAYS} days.`}
            </div>
          ) : null}
          {data.lastFailure ? (
            <div className="alert alert-error">
              The last backup failed ({formatUkDateTime(data.lastFailure.at)}): {data.lastFailure.message}
            </div>
          ) : null}
          <dl className="details">
            <div>
              <dt>Backup folder</dt>
              <dd className="mono">
                {data.folder}
                {data.folderIsDefault ? ' (default)' : ''}
              </dd>
            </div>
            <div>
              <dt>Last successful backup</dt>
              <dd>{data.lastSuccessAt ? formatUkDateTime(data.lastSuccessAt) : 'Never'}</dd>
            </div>
            <div>
              <dt>Backups in the folder</dt>
              <dd>{data.backups.length}</dd>
            </div>
          </dl>
          <FormError message={backUp.isError ? messageOf(backUp.error, 'The backup failed.') : null} />
          <FormError
            message={chooseFolder.isError ? messageOf(chooseFolder.error, 'The folder could not be changed.') : null}
          />
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              disabled={backUp.isPending}
              onClick={() => backUp.mutate()}
            >
              {backUp.isPending ? 'Backing up…' : 'Back up now'}
            </button>
            {native ? (
              <button type="button" className="button" onClick={() => chooseFolder.mutate()}>
                Change folder…
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => setRestoring(true)}>
              Restore from a backup…
            </button>
          </div>
          {native ? null : <TypedFolder current={data.folder} isDefault={data.folderIsDefault} />}
          <PassphraseSettings passphraseSet={data.passphraseSet} />
          <RecoveryKeySettings createdAt={data.recoveryKeyCreatedAt} />
        </>
      )}
      <RestoreDialog
        open={restoring}
        onOpenChange={setRestoring}
        onRestored={(outcome) => {
          setRestoring(false);
          notify(restoredSummary(outcome));
        }}
      />
    </section>
  );
}

/**
 * The browser host has no folder dialog: the folder is typed, and main checks it as it checks the ARCP
 * batch folder (a full path to a folder that exists).
 */
function TypedFolder({ current, isDefault }: { current: string; isDefault: boolean }) {
  const api = useApi();
  const { notify } = useToast();
  const [folder, setFolder] = useState(isDefault ? '' : current);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (value: string | null) => api.backups['set-folder']({ folder: value }),
    onSuccess: (status) => {
      setError(null);
      setFolder(status.folderIsDefault ? '' : status.folder);
      notify(status.folderIsDefault ? 'Backups go to the default folder' : `Backups go to ${status.folder}`);
    },
    onError: (e) => setError(e instanceof ApiError ? (e.fields.folder ?? e.message) : 'The folder was not saved.'),
  });
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!folder.trim()) return setError('Type the full path of a folder, or use the default');
        save.mutate(folder.trim());
      }}
    >
      <Field label="Backup folder (full path)" error={error ?? undefined}>
        <input className="mono" value={folder} onChange={(e) => setFolder(e.target.value)} spellCheck={false} />
      </Field>
      <div className="button-row">
        <button type="submit" className="button" disabled={save.isPending}>
          Save folder
        </button>
        {isDefault ? null : (
          <button type="button" className="button" disabled={save.isPending} onClick={() => save.mutate(null)}>
            Use the default folder
          </button>
        )}
      </div>
    </form>
  );
}

function PassphraseSettings({ passphraseSet }: { passphraseSet: boolean }) {
  const api = useApi();
  const { notify } = useToast();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (value: string | null) => api.backups['set-passphrase']({ passphrase: value }),
    onSuccess: (_, value) => {
      setPassphrase('');
      notify(value === null ? 'Backup passphrase removed' : 'Backup passphrase saved');
    },
    onError: (e) =>
      setError(e instanceof ApiError ? (e.fields.passphrase ?? e.message) : 'The passphrase was not saved.'),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      setError(`Use at least ${MIN_PASSPHRASE_LENGTH} characters: a few unrelated words are easy to remember`);
      return;
    }
    save.mutate(passphrase);
  };
  return (
    <form className="stack" noValidate onSubmit={submit} aria-labelledby="passphrase-heading">
      <h3 id="passphrase-heading">Backup passphrase</h3>
      <p>
        {passphraseSet
          ? 'Backups can also be opened with your backup passphrase.'
          : 'No backup passphrase is set: only the recovery key opens backups.'}
      </p>
      <div className="form-grid">
        <Field
          label={passphraseSet ? 'New passphrase' : 'Passphrase'}
          hint={`At least ${MIN_PASSPHRASE_LENGTH} characters; it applies to backups made from now on`}
          error={error ?? undefined}
        >
          <input
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
        </Field>
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={save.isPending}>
          {passphraseSet ? 'Change passphrase' : 'Set passphrase'}
        </button>
        {passphraseSet ? (
          <button type="button" className="button" disabled={save.isPending} onClick={() => save.mutate(null)}>
            Remove passphrase
          </button>
        ) : null}
      </div>
    </form>
  );
}

function RecoveryKeySettings({ createdAt }: { createdAt: string | null }) {
  const api = useApi();
  const { notify } = useToast();
  const [confirming, setConfirming] = useState(false);
  const [newKey, setNewKey] = useState<NewRecoveryKey | null>(null);
  const create = useMutation({
    mutationFn: () => api.recovery['create-key'](),
    onSuccess: (key) => {
      setConfirming(false);
      setNewKey(key);
    },
  });
  return (
    <div className="stack">
      <h3>Recovery key</h3>
      <p>{createdAt ? `Made ${formatUkDateTime(createdAt)}.` : 'No recovery key has been made yet.'}</p>
      <FormError message={create.isError ? messageOf(create.error, 'No new recovery key was made.') : null} />
      {confirming ? (
        <div className="alert alert-error" role="alertdialog" aria-label="Confirm new recovery key">
          <p>
            The current recovery key will stop working, for this database and for backups made from now on. Only do this
            if you have lost it or think someone else has seen it.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button button-exam-danger"
              disabled={create.isPending}
              onClick={() => create.mutate()}
            >
              Make a new recovery key
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Keep the current key
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            Make a new recovery key…
          </button>
        </div>
      )}
      <Dialog
        open={newKey !== null}
        onOpenChange={(open) => {
          if (!open) setNewKey(null);
        }}
        title="Your new recovery key"
      >
        {newKey ? (
          <RecoveryKeySetup
            words={newKey.words}
            onDone={() => {
              setNewKey(null);
              notify('New recovery key checked. Shred any copy of the old one.');
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
}
