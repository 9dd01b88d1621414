import type { HandlersFor } from '../../handler-registry';
import type { SupportService } from './support-service';

export function supportHandlers(support: SupportService): HandlersFor<'support'> {
  return {
    'support:list': ({ traineeId }) => support.list(traineeId),
    'support:offer': (input) => support.offer(input),
    'support:step': (input) => support.step(input),
    'support:delete': ({ id }) => support.remove(id),
    'support:restore': ({ id }) => support.restore(id),
    'support:catalogue': ({ includeInactive }) => support.catalogue(includeInactive),
    'support:saveCatalogueEntry': (input) => support.saveCatalogueEntry(input),
  };
}
