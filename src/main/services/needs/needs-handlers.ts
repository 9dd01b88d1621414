import type { HandlersFor } from '../../handler-registry';
import type { NeedsService } from './needs-service';

export function needsHandlers(needs: NeedsService): HandlersFor<'needs'> {
  return {
    'needs:get': ({ traineeId }) => needs.get(traineeId),
    'needs:save': (fields) => needs.save(fields),
    'needs:destroy': ({ traineeId }) => needs.destroy(traineeId),
    'needs:addNeed': (input) => needs.addNeed(input),
    'needs:removeNeed': ({ id }) => needs.removeNeed(id),
    'needs:makeGoal': ({ id }) => needs.makeGoal(id),
  };
}
