import type { HandlersFor } from '../../handler-registry';
import type { DraftService } from './draft-service';

export function draftHandlers(drafts: DraftService): HandlersFor<'drafts'> {
  return {
    'drafts:get': ({ key }) => drafts.get(key),
    'drafts:save': ({ key, traineeId, payload }) => drafts.save(key, traineeId, payload),
    'drafts:discard': ({ key }) => drafts.discard(key),
  };
}
