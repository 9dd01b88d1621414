import type { HandlersFor } from '../../handler-registry';
import type { PlpService } from './plp-service';

export function plpHandlers(plp: PlpService): HandlersFor<'plp'> {
  return {
    'plp:list': ({ traineeId }) => plp.list(traineeId),
    'plp:createGoal': (fields) => plp.create(fields),
    'plp:updateGoal': ({ id, fields }) => plp.update(id, fields),
    'plp:deleteGoal': ({ id }) => plp.remove(id),
    'plp:restoreGoal': ({ id }) => plp.restore(id),
    'plp:addReview': (input) => plp.addReview(input),
    'plp:exportPdf': ({ traineeId }) => plp.exportPdf(traineeId),
    'plp:exportText': ({ traineeId }) => plp.exportText(traineeId),
  };
}
