import type { PlpGoal } from '../../../../shared/plp/plp-types';
import { useApi } from '../../api';
import { useUndoable } from '../../components/undo';

/** Deletes a goal from the plan, offering Undo. */
export function useDeleteGoal() {
  const api = useApi();
  const undoable = useUndoable();
  return (goal: PlpGoal) =>
    undoable({
      run: () => api.plp.deleteGoal({ id: goal.id }),
      done: `Goal deleted: ${goal.title}`,
      undo: () => api.plp.restoreGoal({ id: goal.id }),
    });
}
