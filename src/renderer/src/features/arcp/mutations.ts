import type { ArcpRecord } from '../../../../shared/arcp/arcp-schema';
import { formatLongDate } from '../../../../shared/dates';
import { useApi } from '../../api';
import { useUndoable } from '../../components/undo';

/** Deletes a record still awaiting its panel, offering Undo. */
export function useDeleteArcpRecord() {
  const api = useApi();
  const undoable = useUndoable();
  return (record: ArcpRecord) =>
    undoable({
      run: () => api.arcp.delete({ id: record.id }),
      done: `ARCP record for the ${formatLongDate(record.panelDate)} panel deleted`,
      undo: () => api.arcp.restore({ id: record.id }),
    });
}
