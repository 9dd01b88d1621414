import { z } from 'zod';
import { channel } from '../contract/define';
import { empty, idSchema, jobIdSchema } from '../schema-helpers';
import type { ArcpCode, EvidenceTemplate } from './arcp-reference';
import {
  arcpRecordFieldsSchema,
  evidenceCountsSchema,
  panelFieldsSchema,
  templateFieldsSchema,
  type ArcpPanel,
  type ArcpRecord,
  type BatchOutcome,
  type ExportTarget,
  type PanelReadiness,
  type TraineeArcp,
} from './arcp-schema';
import type { ArcpDeadline } from './deadlines';
import type { ExportedFile } from '../exports';

export interface TraineeDeadline {
  traineeId: string;
  traineeName: string;
  recordId: string | null;
  deadline: ArcpDeadline;
}

export const arcpChannels = {
  /** Outcome and reason codes (reference data) and the evidence templates. */
  'arcp:reference': channel(empty).returns<{ codes: ArcpCode[]; templates: EvidenceTemplate[] }>(),
  'arcp:saveTemplate': channel(z.strictObject({ id: idSchema.nullable().default(null), fields: templateFieldsSchema }))
    .changes('arcp')
    .returns<EvidenceTemplate>(),
  'arcp:forTrainee': channel(z.strictObject({ traineeId: idSchema })).returns<TraineeArcp>(),
  'arcp:create': channel(z.strictObject({ traineeId: idSchema, fields: arcpRecordFieldsSchema }))
    .changes('arcp')
    .returns<ArcpRecord>(),
  'arcp:update': channel(z.strictObject({ id: idSchema, fields: arcpRecordFieldsSchema }))
    .changes('arcp')
    .returns<ArcpRecord>(),
  /** Only for a record still awaiting its panel; `arcp:restore` undoes it. */
  'arcp:delete': channel(z.strictObject({ id: idSchema }))
    .changes('arcp')
    .returns<{ id: string }>(),
  'arcp:restore': channel(z.strictObject({ id: idSchema }))
    .changes('arcp')
    .returns<ArcpRecord>(),
  'arcp:saveCounts': channel(z.strictObject({ id: idSchema, counts: evidenceCountsSchema }))
    .changes('arcp')
    .returns<ArcpRecord>(),
  'arcp:panels': channel(empty).returns<ArcpPanel[]>(),
  'arcp:createPanel': channel(panelFieldsSchema).changes('arcp').returns<ArcpPanel>(),
  'arcp:readiness': channel(z.strictObject({ panelId: idSchema })).returns<PanelReadiness>(),
  /** ESR windows, outcome 5 windows and trainees without an ARCP in the last 12 months. */
  'arcp:deadlines': channel(
    z.strictObject({ horizonDays: z.number().int().min(0).max(400).default(14) }).default({ horizonDays: 14 }),
  ).returns<TraineeDeadline[]>(),
  'arcp:pack': channel(z.strictObject({ recordId: idSchema }))
    .changes('exportLog')
    .returns<ExportedFile>(),
  'arcp:exportTarget': channel(empty).returns<ExportTarget>(),
  /** Electron: a native folder dialog. Elsewhere answers null and the user types a folder. */
  'arcp:chooseFolder': channel(empty).returns<{ folder: string | null }>(),
  'arcp:batch': channel(
    z.strictObject({
      panelId: idSchema,
      folder: z.string().trim().min(1, { error: 'Choose a folder for the packs' }).max(1000),
      jobId: jobIdSchema,
    }),
  )
    .changes('exportLog')
    .returns<BatchOutcome>(),
  'arcp:cancelBatch': channel(z.strictObject({ jobId: jobIdSchema })).returns<{ cancelled: boolean }>(),
};
