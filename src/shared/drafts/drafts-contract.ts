import { z } from 'zod';
import { channel } from '../contract/define';
import { MAX_DRAFT_CHARS, type Draft } from '../meetings';
import { idSchema } from '../schema-helpers';

/** A draft is kept under the key of the form it belongs to. */
const draftKeySchema = z.string().min(1).max(200);

export const draftChannels = {
  'drafts:get': channel(z.strictObject({ key: draftKeySchema })).returns<Draft | null>(),
  'drafts:save': channel(
    z.strictObject({
      key: draftKeySchema,
      traineeId: idSchema.nullable().default(null),
      payload: z.string().max(MAX_DRAFT_CHARS, { error: 'This draft is too long to keep; shorten the notes' }),
    }),
  )
    .changes('drafts')
    .returns<{ updatedAt: string }>(),
  'drafts:discard': channel(z.strictObject({ key: draftKeySchema }))
    .changes('drafts')
    .returns<void>(),
};
