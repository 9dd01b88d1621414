import type { SupportItem } from '../../../../shared/support/support-types';
import { useApi } from '../../api';
import { useUndoable } from '../../components/undo';

/** Removes a support item, offering Undo. */
export function useRemoveSupportItem() {
  const api = useApi();
  const undoable = useUndoable();
  return (item: SupportItem) =>
    undoable({
      run: () => api.support.delete({ id: item.id }),
      done: `Removed: ${item.label}`,
      undo: () => api.support.restore({ id: item.id }),
    });
}
