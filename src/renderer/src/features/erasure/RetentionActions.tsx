import { useState } from 'react';
import { ApiError } from '../../api';
import { useToast } from '../../components/Toasts';
import { EraseTraineeDialog } from './EraseTraineeDialog';
import { useKeepTrainee } from './mutations';

/** A Today row's answers for an archived trainee past the retention period: erase them, or keep them for another period. */
export function RetentionActions({ traineeId, traineeName }: { traineeId: string; traineeName: string }) {
  const [open, setOpen] = useState(false);
  const keep = useKeepTrainee();
  const { notify } = useToast();
  return (
    <span className="button-row">
      <button
        type="button"
        className="button button-small"
        onClick={() => setOpen(true)}
        aria-label={`Erase ${traineeName}…`}
      >
        Erase…
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={keep.isPending}
        aria-label={`Keep ${traineeName}'s record`}
        onClick={() =>
          void keep
            .mutateAsync(traineeId)
            .then(() => notify(`${traineeName}'s record is kept; Today asks again after another retention period`))
            .catch((e: unknown) => notify(e instanceof ApiError ? e.message : 'That did not work; nothing changed.'))
        }
      >
        Keep
      </button>
      <EraseTraineeDialog traineeId={traineeId} open={open} onOpenChange={setOpen} onErased={() => setOpen(false)} />
    </span>
  );
}
