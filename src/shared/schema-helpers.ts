import { z } from 'zod';
import { withoutControlCharacters } from './text';

/** The building blocks every channel input and form is made of, in one place. */
export { dateSchema, optionalDateSchema } from './dates';
export { optionalText, requiredText } from './text';

/** A row id (UUID or a seeded id such as `seed-3`). */
export const idSchema = withoutControlCharacters(z.string().min(1).max(64), 'An id');
/** Names a long-running call so its progress events can be followed (and cancelled). */
export const jobIdSchema = z.string().min(1).max(64);
/** The input of a channel that takes nothing. */
export const empty = z.strictObject({}).default({});
export const byId = z.strictObject({ id: idSchema });
export const byTrainee = z.strictObject({ traineeId: idSchema });

/** Largest CSV accepted by an importer, as base64 text (about 15 MB of file). */
export const MAX_IMPORT_BASE64 = 20_000_000;
/** Most records in one CSV import: twice a region's 50,000 trainees. More is refused before any row is checked. */
export const MAX_IMPORT_ROWS = 100_000;
/** Most columns in one CSV import's header row. */
export const MAX_IMPORT_COLUMNS = 200;
export const importContentSchema = z
  .string()
  .max(MAX_IMPORT_BASE64, { error: 'The file is too large to import (limit about 15 MB)' });
