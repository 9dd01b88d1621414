import { displayName, type Trainee } from '../../../../shared/trainees/trainee-schema';
import { useApi } from '../../api';
import { useUndoable } from '../../components/undo';

/** Archives or restores a trainee, offering Undo (the opposite step). */
export function useSetArchived() {
  const api = useApi();
  const undoable = useUndoable();
  return (trainee: Trainee, archived: boolean) => {
    const archive = () => api.trainees.archive({ id: trainee.id });
    const restore = () => api.trainees.restore({ id: trainee.id });
    return undoable({
      run: archived ? archive : restore,
      done: `${displayName(trainee)} ${archived ? 'archived' : 'restored'}`,
      undo: archived ? restore : archive,
    });
  };
}
