import { useState, type FormEvent } from 'react';
import { type HandoverMade } from '../../../../shared/handover';
import { formatLongDate } from '../../../../shared/dates';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { saveExportedFile } from '../../lib/download';
import { useSettings } from '../settings';

export interface HandOverTrainee {
  id: string;
  name: string;
}

/** Hands one or more trainees over: an encrypted file to send, and a six-word phrase to send another way. */
export function HandOverDialog({
  open,
  onOpenChange,
  trainees,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  trainees: readonly HandOverTrainee[];
}) {
  const title = trainees.length === 1 ? `Hand over ${trainees[0]!.name}` : `Hand over ${trainees.length} trainees`;
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      description="Makes an encrypted handover file of these trainees' records for the TPD taking them on, and a transfer phrase that opens it."
      wide
    >
      {open ? <HandOverForm trainees={trainees} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function HandOverForm({ trainees, onDone }: { trainees: readonly HandOverTrainee[]; onDone(): void }) {
  const api = useApi();
  const settings = useSettings();
  const [fromName, setFromName] = useState<string | null>(null);
  const [includePrivateNotes, setIncludePrivateNotes] = useState(false);
  const [errors, setErrors] = useState<{ fromName?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<HandoverMade | null>(null);
  const name = fromName ?? settings.data?.userName ?? '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ fromName: 'Type your name: the receiver sees who handed these records over.' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const result = await api.handover.make({
        traineeIds: trainees.map((t) => t.id),
        fromName: name,
        includePrivateNotes,
      });
      setMade(result);
      saveExportedFile(result.file);
    } catch (error) {
      if (error instanceof ApiError && error.fields.fromName) setErrors({ fromName: error.fields.fromName });
      else setErrors({ form: error instanceof Error ? error.message : 'The handover file could not be made.' });
    } finally {
      setBusy(false);
    }
  };

  if (made) {
    return (
      <div className="stack">
        <p role="status">
          <strong>The handover file {made.file.fileName} has been saved</strong> ({made.traineeCount}{' '}
          {made.traineeCount === 1 ? 'trainee' : 'trainees'}, made {formatLongDate(made.madeAt)}).
        </p>
        <p>The transfer phrase opens it. It is shown only now and is not kept anywhere:</p>
        <ol aria-label="Transfer phrase" className="recovery-words">
          {made.phrase.map((word, i) => (
            <li key={i}>{word}</li>
          ))}
        </ol>
        <div className="alert" role="note">
          Send the phrase by another route than the file: read it out on the phone or send it in Teams, never in the
          same email as the file. Anyone who has both can read these records.
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={() => saveExportedFile(made.file)}>
            Save the file again
          </button>
          <button type="button" className="button button-primary" onClick={onDone}>
            Done
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="stack" noValidate onSubmit={submit}>
      <section aria-label="Trainees to hand over">
        <p>
          {trainees.length === 1 ? 'This trainee' : `These ${trainees.length} trainees`} and all their records (1:1s,
          goals, needs, support, exams and ARCP records) go in the file:
        </p>
        <ul className="bare-list handover-trainees">
          {trainees.slice(0, 20).map((t) => (
            <li key={t.id}>{t.name}</li>
          ))}
          {trainees.length > 20 ? <li>and {trainees.length - 20} more</li> : null}
        </ul>
      </section>
      <Field label="Your name" hint="The receiver sees who handed these records over" error={errors.fromName}>
        <input type="text" autoComplete="name" value={name} onChange={(e) => setFromName(e.target.value)} />
      </Field>
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includePrivateNotes}
            onChange={(e) => setIncludePrivateNotes(e.target.checked)}
            aria-describedby="handover-private-warning"
          />{' '}
          Include my private notes
        </label>
        <p id="handover-private-warning" className="field-hint">
          Private notes are left out unless you tick this. If you include them, anyone with the file and the transfer
          phrase will be able to read them, not only the TPD you send it to.
        </p>
      </div>
      <FormError message={errors.form} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy || trainees.length === 0}>
          {busy ? 'Making the file…' : 'Make handover file'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
