import { z } from 'zod';
import { channel } from '../contract/define';
import { byTrainee, idSchema } from '../schema-helpers';
import type { ErasureOutcome, ErasurePreview, RetentionKeep } from './erasure-types';

export const erasureChannels = {
  /** What erasing this trainee would remove; nothing changes. */
  'erasure:preview': channel(byTrainee).returns<ErasurePreview>(),
  /** Keeps an archived trainee past the retention period: Today asks again one period from today. */
  'erasure:keep': channel(byTrainee).changes('erasure').returns<RetentionKeep>(),
  /**
   * Erases an archived trainee and everything about them, for good, after their surname is typed.
   * Every feature that holds rows about a trainee changes.
   */
  'erasure:erase': channel(
    z.strictObject({
      traineeId: idSchema,
      confirmSurname: z.string({ error: 'Type their surname to confirm' }).max(200),
    }),
  )
    .changes(
      'trainees',
      'meetings',
      'drafts',
      'plp',
      'needs',
      'support',
      'exams',
      'arcp',
      'evaluation',
      'handover',
      'exportLog',
      'erasure',
    )
    .returns<ErasureOutcome>(),
};
