import { useState } from 'react';
import { surnameMatches, type ErasurePreview } from '../../../../shared/erasure';
import { formatLongDate } from '../../../../shared/dates';
import { ApiError } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useToast } from '../../components/Toasts';
import { useEraseTrainee } from './mutations';
import { useErasurePreview } from './queries';

/**
 * "Erase permanently": says what goes and what backups still hold, and asks for the surname
 * typed exactly (any case) before the button works. Main checks the surname again.
 */
export function EraseTraineeDialog({
  traineeId,
  open,
  onOpenChange,
  onErased,
}: {
  traineeId: string;
  open: boolean;
  onOpenChange(open: boolean): void;
  onErased?(): void;
}) {
  const preview = useErasurePreview(traineeId, open);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={preview.data ? `Erase ${preview.data.name} permanently?` : 'Erase permanently?'}
      wide
    >
      {preview.data ? (
        <EraseForm preview={preview.data} onCancel={() => onOpenChange(false)} onErased={onErased} />
      ) : preview.isError ? (
        <FormError
          message={
            preview.error instanceof ApiError ? preview.error.message : 'What would be erased could not be read.'
          }
        />
      ) : (
        <p role="status">Loading…</p>
      )}
    </Dialog>
  );
}

function EraseForm({ preview, onCancel, onErased }: { preview: ErasurePreview; onCancel(): void; onErased?(): void }) {
  const [typed, setTyped] = useState('');
  const erase = useEraseTrainee();
  const { notify } = useToast();
  const matches = surnameMatches(typed, preview.familyName);
  const archived = preview.archivedAt !== null;
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!matches || !archived) return;
        erase
          .mutateAsync({ traineeId: preview.traineeId, confirmSurname: typed })
          .then((outcome) => {
            notify(`${outcome.erasedName} was erased permanently`);
            onErased?.();
          })
          .catch(() => undefined);
      }}
    >
      {archived ? null : (
        <p className="alert alert-error" role="alert">
          {preview.name} is not archived. Archive them first: only an archived trainee can be erased.
        </p>
      )}
      <p>
        Everything about {preview.name} is deleted from this computer for good. <strong>This cannot be undone.</strong>
        {preview.archivedAt ? ` Archived on ${formatLongDate(preview.archivedAt)}.` : ''}
      </p>
      <h3>What goes</h3>
      <ul>
        <li>Their entry in the register, and their search entries</li>
        {preview.removes.map((r) => (
          <li key={r.label}>
            {r.label}: {r.count.toLocaleString('en-GB')}
          </li>
        ))}
      </ul>
      <h3>What still holds them</h3>
      <ul>
        <li>
          Backups made before now, until rotation removes them: a daily backup goes once {preview.backupsKept.daily}{' '}
          newer days have a backup, and the newest backup of each week stays until {preview.backupsKept.weekly} newer
          weeks have one, about two months if you use the app every week. Restoring one of them brings {preview.name}{' '}
          back.
        </li>
        <li>
          Copies outside that rotation: backups you saved elsewhere, and the copies kept beside the database before an
          update or a restore. Delete those yourself.
        </li>
        <li>The export log keeps its entries, showing “an erased trainee”.</li>
      </ul>
      <Field label="Type their surname to confirm" hint={`As recorded: ${preview.familyName} (any case)`}>
        <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
      </Field>
      <FormError message={erase.isError ? erase.error.message : null} />
      <div className="button-row">
        <button type="submit" className="button button-danger" disabled={!matches || !archived || erase.isPending}>
          Erase permanently
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
