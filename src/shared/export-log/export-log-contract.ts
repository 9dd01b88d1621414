import { z } from 'zod';
import { channel } from '../contract/define';
import type { ExportedFile } from '../exports';
import { empty, idSchema } from '../schema-helpers';
import { RENDERER_EXPORT_KINDS, type ExportLogEntry } from './export-log-types';

/** The longest description kept: a label such as "Re-sit monitor CSV", never content. */
export const MAX_EXPORT_DESCRIPTION = 200;

export const recordExportSchema = z.strictObject({
  kind: z.enum(RENDERER_EXPORT_KINDS, { error: 'Not a kind of export the app can record from here' }),
  traineeIds: z.array(idSchema).max(100_000).default([]),
  description: z
    .string()
    .trim()
    .min(1, { error: 'Describe what was exported' })
    .max(MAX_EXPORT_DESCRIPTION, { error: 'Keep the description short: what was exported, not its content' }),
});

export const exportLogChannels = {
  /** Every entry, newest first, with trainees named from the register as it is now. */
  'exportLog:list': channel(empty).returns<ExportLogEntry[]>(),
  /** An export the renderer made on its own (a table CSV, a copy to the clipboard, a mail draft). */
  'exportLog:record': channel(recordExportSchema).changes('exportLog').returns<{ id: string }>(),
  /** The log as CSV; that export is logged too. */
  'exportLog:csv': channel(empty).changes('exportLog').returns<ExportedFile>(),
};
