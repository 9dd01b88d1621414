import { z } from 'zod';
import { channel } from './define';
import { idSchema, traineeFieldsSchema, type Trainee } from '../trainees/trainee-schema';
import { IMPORT_FIELDS, type ImportOutcome, type ImportPreview } from '../trainees/import-mapping';

/** Largest CSV accepted, as base64 text (about 15 MB of file). */
const MAX_IMPORT_BASE64 = 20_000_000;

const importFileSchema = z.object({
  /** Lets the caller follow `import:progress` events for this run. */
  jobId: z.string().min(1).max(64),
  fileName: z.string().max(260),
  contentBase64: z.string().max(MAX_IMPORT_BASE64, { error: 'The file is too large to import (limit about 15 MB)' }),
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200).nullable()).optional(),
});

export const traineeChannels = {
  'trainees:list': channel(
    z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
  ).returns<Trainee[]>(),
  'trainees:get': channel(z.object({ id: idSchema })).returns<Trainee>(),
  'trainees:create': channel(traineeFieldsSchema).changes('trainees').returns<Trainee>(),
  'trainees:update': channel(z.object({ id: idSchema, fields: traineeFieldsSchema }))
    .changes('trainees')
    .returns<Trainee>(),
  'trainees:archive': channel(z.object({ id: idSchema }))
    .changes('trainees')
    .returns<Trainee>(),
  'trainees:restore': channel(z.object({ id: idSchema }))
    .changes('trainees')
    .returns<Trainee>(),
  'traineeImport:preview': channel(importFileSchema).returns<ImportPreview>(),
  'traineeImport:commit': channel(importFileSchema).changes('trainees').returns<ImportOutcome>(),
};
