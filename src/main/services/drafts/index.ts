export { createDraftService, type DraftService } from './draft-service';
export { draftHandlers } from './drafts-handlers';
