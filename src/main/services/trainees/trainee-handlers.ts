import type { HandlersFor } from '../../handler-registry';
import type { TraineeService } from './trainee-service';

export function traineeHandlers(trainees: TraineeService): HandlersFor<'trainees'> {
  return {
    'trainees:list': (input) => trainees.list(input),
    'trainees:list-first': (input) => trainees.listFirst(input),
    'trainees:get': ({ id }) => trainees.get(id),
    'trainees:create': (fields) => trainees.create(fields),
    'trainees:update': ({ id, fields }) => trainees.update(id, fields),
    'trainees:archive': ({ id }) => trainees.archive(id),
    'trainees:restore': ({ id }) => trainees.restore(id),
  };
}
