import { z } from 'zod';
import { channel } from '../contract/define';
import { byId, byTrainee } from '../schema-helpers';
import {
  supportCatalogueEntrySchema,
  supportOfferSchema,
  supportStepSchema,
  type SupportCatalogueEntry,
  type SupportItem,
} from './support-types';

export const supportChannels = {
  'support:list': channel(byTrainee).returns<SupportItem[]>(),
  'support:offer': channel(supportOfferSchema).changes('support').returns<SupportItem>(),
  'support:step': channel(supportStepSchema).changes('support').returns<SupportItem>(),
  'support:delete': channel(byId).changes('support').returns<void>(),
  'support:restore': channel(byId).changes('support').returns<SupportItem>(),
  'support:catalogue': channel(
    z.strictObject({ includeInactive: z.boolean().default(false) }).default({ includeInactive: false }),
  ).returns<SupportCatalogueEntry[]>(),
  'support:saveCatalogueEntry': channel(supportCatalogueEntrySchema)
    .changes('support')
    .returns<SupportCatalogueEntry>(),
};
