import { z } from 'zod';
import { channel } from '../contract/define';
import { byId, idSchema, importContentSchema, jobIdSchema } from '../schema-helpers';
import { FIRST_PAGE_MAX, LIST_PAGE_MAX, traineeFieldsSchema, type Trainee, type TraineeRow } from './trainee-schema';
import { IMPORT_FIELDS, type ImportOutcome, type ImportPreview } from './import-mapping';

const importFileSchema = z.strictObject({
  /** Lets the caller follow `import:progress` events for this run. */
  jobId: jobIdSchema,
  fileName: z.string().max(260),
  contentBase64: importContentSchema,
  /** Column headings chosen by hand: a declared record of field → heading, not stray keys. */
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200).nullable()).optional(),
  /** Lines of rows marked "Name differs" that the user ticked to import: the others are left out. */
  confirmedLines: z.array(z.number().int().min(1)).max(100_000).optional(),
});

export const traineeChannels = {
  /**
   * The register's rows in SQL order; with `limit`, the `limit` rows after the first `offset`, so
   * a large register comes over in pages: neither side is held up for the whole list at once.
   */
  'trainees:list': channel(
    z
      .strictObject({
        includeArchived: z.boolean().default(false),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(LIST_PAGE_MAX).optional(),
      })
      .default({ includeArchived: false }),
  ).returns<TraineeRow[]>(),
  /**
   * The first `count` rows of `trainees:list` in the register's default order (by name), for its
   * first screen while the whole list is on its way.
   */
  'trainees:list-first': channel(
    z.strictObject({
      includeArchived: z.boolean().default(false),
      count: z.number().int().min(1).max(FIRST_PAGE_MAX),
    }),
  ).returns<TraineeRow[]>(),
  'trainees:get': channel(byId).returns<Trainee>(),
  'trainees:create': channel(traineeFieldsSchema).changes('trainees').returns<Trainee>(),
  'trainees:update': channel(z.strictObject({ id: idSchema, fields: traineeFieldsSchema }))
    .changes('trainees')
    .returns<Trainee>(),
  'trainees:archive': channel(byId).changes('trainees').returns<Trainee>(),
  'trainees:restore': channel(byId).changes('trainees').returns<Trainee>(),
};

export const traineeImportChannels = {
  'traineeImport:preview': channel(importFileSchema).returns<ImportPreview>(),
  'traineeImport:commit': channel(importFileSchema).changes('trainees').returns<ImportOutcome>(),
};
