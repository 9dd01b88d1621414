import { useState, type FormEvent } from 'react';
import {
  HANDOVER_FILE_EXTENSION,
  HANDOVER_RECORD_TYPES,
  type HandoverImported,
  type HandoverPreview,
  type PreviewTrainee,
  type TraineeMergeField,
} from '../../../../shared/handover';
import { formatLongDate } from '../../../../shared/dates';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { fileToBase64 } from '../../lib/download';

interface Errors {
  file?: string;
  phrase?: string;
  form?: string;
}

/** Each refusal main names (damaged, a backup, newer version, wrong phrase, unknown word) on the field it concerns. */
function errorsFrom(error: unknown): Errors {
  if (!(error instanceof ApiError)) return { form: 'Something went wrong; nothing was imported.' };
  if (error.fields.phrase) return { phrase: error.fields.phrase };
  if (error.fields.file) return { file: error.fields.file };
  if (error.fields.contentBase64) return { file: error.fields.contentBase64 };
  return { form: error.message };
}

/** One line for a toast after an import. */
export function importedSummary(outcome: HandoverImported): string {
  const trainees = outcome.newTrainees + outcome.matchedTrainees;
  return `Imported the handover from ${outcome.fromName}: ${trainees} ${trainees === 1 ? 'trainee' : 'trainees'} (${outcome.newTrainees} new), ${outcome.recordsAdded} records added.`;
}

export function ImportHandoverDialog({
  open,
  onOpenChange,
  onImported,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  onImported(outcome: HandoverImported): void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Import a handover"
      description="Open a handover file another TPD sent you with its transfer phrase, see what it brings, then import it."
      wide
    >
      {open ? <ImportForm onImported={onImported} onCancel={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

/** Keyed by `${traineeId}:${field}`: the fields to take from the file. */
type Choices = Record<string, boolean>;

function ImportForm({ onImported, onCancel }: { onImported(outcome: HandoverImported): void; onCancel(): void }) {
  const api = useApi();
  const [chosen, setChosen] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [phrase, setPhrase] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [preview, setPreview] = useState<HandoverPreview | null>(null);
  const [choices, setChoices] = useState<Choices>({});
  const [busy, setBusy] = useState<'reading' | 'checking' | 'importing' | null>(null);

  const changed = () => {
    setPreview(null);
    setChoices({});
    setErrors({});
  };

  const check = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Errors = {};
    if (!chosen) missing.file = 'Choose the handover file.';
    if (!phrase.trim()) missing.phrase = 'Type the six words of the transfer phrase.';
    if (!chosen || missing.phrase) {
      setErrors(missing);
      return;
    }
    setBusy('checking');
    setErrors({});
    try {
      setPreview(await api.handover['check-upload']({ ...chosen, phrase }));
    } catch (error) {
      setErrors(errorsFrom(error));
    } finally {
      setBusy(null);
    }
  };

  const runImport = async () => {
    if (!chosen || !preview) return;
    setBusy('importing');
    const takeTheirs = Object.entries(choices)
      .filter(([, take]) => take)
      .map(([key]) => {
        const [traineeId, field] = key.split(':') as [string, TraineeMergeField];
        return { traineeId, field };
      });
    try {
      onImported(await api.handover['import-upload']({ ...chosen, phrase, takeTheirs }));
    } catch (error) {
      setPreview(null);
      setErrors(errorsFrom(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form className="stack" noValidate onSubmit={check}>
      <Field label="Handover file" hint={`A ${HANDOVER_FILE_EXTENSION} file sent to you`} error={errors.file}>
        <input
          type="file"
          accept={HANDOVER_FILE_EXTENSION}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            changed();
            setChosen(null);
            if (!file) return;
            setBusy('reading');
            try {
              setChosen({ fileName: file.name, contentBase64: await fileToBase64(file) });
            } catch {
              setErrors({ file: 'This file could not be read. Try saving it again.' });
            } finally {
              setBusy(null);
            }
          }}
        />
      </Field>
      <Field
        label="Transfer phrase"
        hint="The six words the sender gave you by phone or message; spacing and capitals do not matter"
        error={errors.phrase}
      >
        <input
          type="text"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          value={phrase}
          onChange={(e) => {
            changed();
            setPhrase(e.target.value);
          }}
        />
      </Field>
      <FormError message={errors.form} />
      {preview ? (
        <PreviewDetails
          preview={preview}
          choices={choices}
          onChoose={(key, take) => setChoices((c) => ({ ...c, [key]: take }))}
        />
      ) : null}
      <div className="button-row">
        {preview ? (
          <button type="button" className="button button-primary" disabled={busy !== null} onClick={runImport}>
            {busy === 'importing' ? 'Importing…' : 'Import'}
          </button>
        ) : (
          <button type="submit" className="button button-primary" disabled={busy !== null}>
            {busy === 'checking' ? 'Checking…' : 'Check'}
          </button>
        )}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function PreviewDetails({
  preview,
  choices,
  onChoose,
}: {
  preview: HandoverPreview;
  choices: Choices;
  onChoose(key: string, take: boolean): void;
}) {
  return (
    <section className="alert alert-success" aria-label="Handover checked">
      <p>
        <strong>
          Handed over by {preview.fromName} on {formatLongDate(preview.madeAt)}.
        </strong>{' '}
        {preview.includesPrivateNotes ? 'It includes their private notes.' : 'It holds no private notes.'} Importing
        adds these records beside yours; nothing of yours is removed.
      </p>
      {preview.trainees.map((t) => (
        <PreviewTraineeDetails key={t.traineeId} trainee={t} choices={choices} onChoose={onChoose} />
      ))}
    </section>
  );
}

function PreviewTraineeDetails({
  trainee,
  choices,
  onChoose,
}: {
  trainee: PreviewTrainee;
  choices: Choices;
  onChoose(key: string, take: boolean): void;
}) {
  const label = (type: string) => HANDOVER_RECORD_TYPES.find((r) => r.value === type)?.label ?? type;
  const counted = trainee.counts.filter((c) => c.incoming > 0 || c.alreadyImported > 0);
  return (
    <article className="handover-trainee" aria-label={trainee.name}>
      <h3>
        {trainee.name} <span className="muted">· GMC {trainee.gmcNumber}</span>
      </h3>
      <p>{trainee.match ? `Matches ${trainee.match.name}, already in your register.` : 'New to your register.'}</p>
      {counted.length > 0 ? (
        <table className="data-table compact-table" aria-label={`What the handover brings for ${trainee.name}`}>
          <thead>
            <tr>
              <th scope="col">Records</th>
              <th scope="col">To add</th>
              <th scope="col">Already imported</th>
            </tr>
          </thead>
          <tbody>
            {counted.map((c) => (
              <tr key={c.type}>
                <th scope="row">{label(c.type)}</th>
                <td>{c.incoming}</td>
                <td>{c.alreadyImported}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No records.</p>
      )}
      {trainee.differences.length > 0 ? (
        <table className="data-table compact-table" aria-label={`Details that differ for ${trainee.name}`}>
          <thead>
            <tr>
              <th scope="col">Detail</th>
              <th scope="col">In the file</th>
              <th scope="col">Yours</th>
              <th scope="col">Keep</th>
            </tr>
          </thead>
          <tbody>
            {trainee.differences.map((d) => {
              const key = `${trainee.traineeId}:${d.field}`;
              return (
                <tr key={d.field}>
                  <th scope="row">{d.label}</th>
                  <td>{d.incoming}</td>
                  <td>{d.existing}</td>
                  <td>
                    <select
                      aria-label={`${d.label} of ${trainee.name}`}
                      value={choices[key] ? 'theirs' : 'mine'}
                      onChange={(e) => onChoose(key, e.target.value === 'theirs')}
                    >
                      <option value="mine">Keep mine</option>
                      <option value="theirs">Take theirs</option>
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}
