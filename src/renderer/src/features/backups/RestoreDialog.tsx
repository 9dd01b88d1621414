import { useState, type FormEvent } from 'react';
import type { BackupPreview, RestoreOutcome } from '../../../../shared/backups/backup-contract';
import { formatUkDateTime } from '../../../../shared/dates';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { fileToBase64 } from '../../lib/download';
import { hasNativeDialogs, secretFromField } from './secret';

/** A chosen backup: a path under Electron, the bytes themselves in the browser host. */
type ChosenFile =
  { kind: 'path'; file: string; name: string } | { kind: 'upload'; fileName: string; contentBase64: string };

interface Errors {
  file?: string;
  secret?: string;
  form?: string;
}

const NOTHING_CHANGED = 'Something went wrong; nothing was changed.';

/** Each failure main names (wrong secret, damaged, not a backup, newer version) shown on the field it concerns. */
function errorsFrom(error: unknown): Errors {
  if (!(error instanceof ApiError)) return { form: NOTHING_CHANGED };
  if (error.fields.secret) return { secret: error.fields.secret };
  if (error.fields.file) return { file: error.fields.file };
  return { form: error.message };
}

export function RestoreDialog({
  open,
  onOpenChange,
  onRestored,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  onRestored(outcome: RestoreOutcome): void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Restore from a backup"
      description="Check a backup to see what it holds, then restore it. The data in the app now is kept as a pre-restore copy."
    >
      {open ? <RestoreForm onRestored={onRestored} onCancel={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function RestoreForm({ onRestored, onCancel }: { onRestored(outcome: RestoreOutcome): void; onCancel(): void }) {
  const api = useApi();
  const native = hasNativeDialogs();
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [secretText, setSecretText] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  const [busy, setBusy] = useState<'reading' | 'checking' | 'restoring' | null>(null);

  const changed = () => {
    setPreview(null);
    setErrors({});
  };

  const request = () => {
    const missing: Errors = {};
    if (!chosen) missing.file = 'Choose a backup file.';
    if (!secretText.trim()) missing.secret = 'Type your recovery key or backup passphrase.';
    if (!chosen || missing.secret) {
      setErrors(missing);
      return null;
    }
    const secret = secretFromField(secretText);
    return chosen.kind === 'path'
      ? { kind: 'path' as const, input: { file: chosen.file, secret } }
      : {
          kind: 'upload' as const,
          input: { fileName: chosen.fileName, contentBase64: chosen.contentBase64, secret },
        };
  };

  const check = async (event: FormEvent) => {
    event.preventDefault();
    const req = request();
    if (!req) return;
    setBusy('checking');
    setErrors({});
    try {
      setPreview(
        req.kind === 'path' ? await api.backups.inspect(req.input) : await api.backups['inspect-upload'](req.input),
      );
    } catch (error) {
      setErrors(errorsFrom(error));
    } finally {
      setBusy(null);
    }
  };

  const restore = async () => {
    const req = request();
    if (!req) return;
    setBusy('restoring');
    try {
      onRestored(
        req.kind === 'path' ? await api.backups.restore(req.input) : await api.backups['restore-upload'](req.input),
      );
    } catch (error) {
      setPreview(null);
      setErrors(errorsFrom(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form className="stack" noValidate onSubmit={check}>
      {native ? (
        <div className="field">
          <span className="field-label">Backup file</span>
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={async () => {
                const { file } = await api.backups['choose-file']();
                if (file) {
                  changed();
                  setChosen({ kind: 'path', file, name: file });
                }
              }}
            >
              Choose backup file…
            </button>
            <span className="mono">{chosen?.kind === 'path' ? chosen.name : 'No file chosen'}</span>
          </div>
          {errors.file ? (
            <p className="field-error" role="alert">
              {errors.file}
            </p>
          ) : null}
        </div>
      ) : (
        <Field label="Backup file" hint="A .tpdbackup file from your backup folder" error={errors.file}>
          <input
            type="file"
            accept=".tpdbackup"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              changed();
              setChosen(null);
              if (!file) return;
              setBusy('reading');
              try {
                setChosen({ kind: 'upload', fileName: file.name, contentBase64: await fileToBase64(file) });
              } catch {
                setErrors({ file: 'This file could not be read. Try another backup.' });
              } finally {
                setBusy(null);
              }
            }}
          />
        </Field>
      )}
      <Field
        label="Recovery key or backup passphrase"
        hint="The 12 words of your recovery key, with spaces between them, or the backup passphrase you set"
        error={errors.secret}
      >
        <textarea
          rows={2}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          value={secretText}
          onChange={(e) => {
            changed();
            setSecretText(e.target.value);
          }}
        />
      </Field>
      <FormError message={errors.form} />
      {preview ? <PreviewDetails preview={preview} /> : null}
      <div className="button-row">
        {preview ? (
          <button type="button" className="button button-primary" disabled={busy !== null} onClick={restore}>
            {busy === 'restoring' ? 'Restoring…' : 'Restore'}
          </button>
        ) : (
          <button type="submit" className="button button-primary" disabled={busy !== null}>
            {busy === 'checking' ? 'Checking…' : 'Check backup'}
          </button>
        )}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function PreviewDetails({ preview }: { preview: BackupPreview }) {
  const { counts } = preview;
  return (
    <section className="alert alert-success" aria-label="Backup checked">
      <p>
        <strong>This backup is whole and opens with what you typed.</strong> Restoring replaces everything in the app
        now with it.
      </p>
      <dl className="details backup-counts">
        <div>
          <dt>Made</dt>
          <dd>{formatUkDateTime(preview.createdAt)}</dd>
        </div>
        <div>
          <dt>App version</dt>
          <dd>{preview.appVersion}</dd>
        </div>
        <div>
          <dt>Trainees</dt>
          <dd>{counts.trainees}</dd>
        </div>
        <div>
          <dt>1:1s</dt>
          <dd>{counts.meetings}</dd>
        </div>
        <div>
          <dt>Goals</dt>
          <dd>{counts.goals}</dd>
        </div>
        <div>
          <dt>Exam attempts</dt>
          <dd>{counts.examAttempts}</dd>
        </div>
        <div>
          <dt>ARCP records</dt>
          <dd>{counts.arcpRecords}</dd>
        </div>
      </dl>
      {preview.needsUpdate ? <p>It was made by an earlier version; the app will update it after restoring.</p> : null}
    </section>
  );
}

/** One line saying what a restore brought back, for a toast or the first-start screen. */
export function restoredSummary(outcome: RestoreOutcome): string {
  const { counts } = outcome;
  return `Restored the backup made ${formatUkDateTime(outcome.createdAt)}: ${counts.trainees} trainees, ${counts.meetings} 1:1s, ${counts.goals} goals, ${counts.examAttempts} exam attempts and ${counts.arcpRecords} ARCP records.`;
}
