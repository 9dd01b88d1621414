import { useState } from 'react';
import { useLocation } from 'wouter';
import type { Trainee } from '../../../../shared/trainees/trainee-schema';
import { EraseTraineeDialog } from './EraseTraineeDialog';

/** On an archived trainee's page: "Erase permanently…", then back to the register once they are gone. */
export function EraseTraineeButton({ trainee }: { trainee: Trainee }) {
  const [open, setOpen] = useState(false);
  const [, navigate] = useLocation();
  if (!trainee.archivedAt) return null;
  return (
    <>
      <button type="button" className="button button-danger" onClick={() => setOpen(true)}>
        Erase permanently…
      </button>
      <EraseTraineeDialog
        traineeId={trainee.id}
        open={open}
        onOpenChange={setOpen}
        onErased={() => {
          setOpen(false);
          navigate('/trainees');
        }}
      />
    </>
  );
}
