import { formatLongDate } from '../../../../shared/dates';
import type { Meeting } from '../../../../shared/meetings/meeting-types';
import { useApi } from '../../api';
import { useUndoable } from '../../components/undo';

/** Marks an agreed action done from a list (Today), offering Undo. */
export function useMarkActionDone() {
  const api = useApi();
  const undoable = useUndoable();
  return (action: { id: string; title: string }) =>
    undoable({
      run: () => api.meetings.setActionDone({ id: action.id, done: true }),
      done: `Done: ${action.title}`,
      undo: () => api.meetings.setActionDone({ id: action.id, done: false }),
    });
}

/** Deletes a 1:1 and its actions, then `afterDelete` (leave its page), offering Undo. */
export function useDeleteMeeting() {
  const api = useApi();
  const undoable = useUndoable();
  return (meeting: Meeting, afterDelete: () => void) =>
    undoable({
      run: async () => {
        await api.meetings.delete({ id: meeting.id });
        afterDelete();
      },
      done: `1:1 on ${formatLongDate(meeting.heldOn)} deleted`,
      undo: () => api.meetings.restore({ id: meeting.id }),
    });
}
