import type { HandlersFor } from '../../handler-registry';
import type { ErasureService } from './erasure-service';

export function erasureHandlers(erasure: ErasureService): HandlersFor<'erasure'> {
  return {
    'erasure:preview': ({ traineeId }) => erasure.preview(traineeId),
    'erasure:keep': ({ traineeId }) => erasure.keep(traineeId),
    'erasure:erase': ({ traineeId, confirmSurname }) => erasure.erase(traineeId, confirmSurname),
  };
}
