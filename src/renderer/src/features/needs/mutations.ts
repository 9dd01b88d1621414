import type { IdentifiedNeed } from '../../../../shared/needs/needs-types';
import { ApiError, useApi } from '../../api';
import { useToast } from '../../components/Toasts';

const DID_NOT_WORK = 'That did not work; nothing changed.';

/** One-click changes to identified needs; a failure is said in a toast and changes nothing. */
export function useNeedActions() {
  const api = useApi();
  const { notify } = useToast();
  const say = (e: unknown) => notify(e instanceof ApiError ? e.message : DID_NOT_WORK);
  return {
    makeGoal: async (need: IdentifiedNeed) => {
      try {
        const goal = await api.needs.makeGoal({ id: need.id });
        notify(`Added to the PLP: ${goal.title}`);
      } catch (e) {
        say(e);
      }
    },
    remove: async (need: IdentifiedNeed) => {
      try {
        await api.needs.removeNeed({ id: need.id });
        notify(`Need removed: ${need.description}`);
      } catch (e) {
        say(e);
      }
    },
  };
}
