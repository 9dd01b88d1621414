import type { HandlersFor } from '../../handler-registry';
import type { EvaluationService } from './evaluation-service';

export function evaluationHandlers(evaluation: EvaluationService): HandlersFor<'evaluation'> {
  return {
    'evaluation:get': ({ traineeId }) => evaluation.get(traineeId),
    'evaluation:record': (input) => evaluation.record(input),
    'evaluation:withdraw': ({ traineeId, field }) => evaluation.withdraw(traineeId, field),
  };
}
