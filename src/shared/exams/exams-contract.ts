import { z } from 'zod';
import { channel } from '../contract/define';
import { empty, idSchema, importContentSchema, jobIdSchema } from '../schema-helpers';
import type { ExamDefinition, ExamRules } from './exam-reference';
import {
  attemptFieldsSchema,
  examDefinitionFieldsSchema,
  examRulesSchema,
  postFailFieldsSchema,
  readinessFieldsSchema,
} from './exam-schemas';
import { extensionFieldsSchema, type ExtensionPeriod } from './extensions';
import type {
  ExamAttempt,
  ExamSetup,
  MonitorRow,
  MonitorTraineeTime,
  PostFailDraft,
  PostFailRecord,
  ReadinessRecord,
  ResultsImportOutcome,
  ResultsImportPreview,
  TraineeExams,
} from './exam-types';
import type { ExportedFile, TextSection } from '../exports';

const resultsFileSchema = z.strictObject({
  jobId: jobIdSchema,
  fileName: z.string().max(260),
  contentBase64: importContentSchema,
  /** Lines of rows "to check" that the user ticked to record anyway; the others are left out. */
  confirmedLines: z.array(z.number().int().min(1)).max(100_000).optional(),
});

/** Paste-ready text of a shared record (post-fail conversation or readiness discussion). */
export interface PostFailExportText {
  sections: TextSection[];
  /** Everything shared, in one text, for "copy all shared sections". */
  all: string;
}

export const examChannels = {
  'exams:setup': channel(empty).returns<ExamSetup>(),
  'exams:saveDefinition': channel(z.strictObject({ id: idSchema.optional(), fields: examDefinitionFieldsSchema }))
    .changes('exams')
    .returns<ExamDefinition>(),
  'exams:archiveDefinition': channel(z.strictObject({ id: idSchema }))
    .changes('exams')
    .returns<ExamDefinition>(),
  'exams:saveRules': channel(examRulesSchema).changes('exams').returns<ExamRules>(),
  'exams:forTrainee': channel(z.strictObject({ traineeId: idSchema })).returns<TraineeExams>(),
  'exams:saveAttempt': channel(
    z.strictObject({ traineeId: idSchema, id: idSchema.optional(), fields: attemptFieldsSchema }),
  )
    .changes('exams')
    .returns<ExamAttempt>(),
  'exams:deleteAttempt': channel(z.strictObject({ id: idSchema }))
    .changes('exams')
    .returns<{ id: string }>(),
  'exams:postFailDraft': channel(z.strictObject({ attemptId: idSchema })).returns<PostFailDraft>(),
  'exams:savePostFail': channel(
    z.strictObject({ attemptId: idSchema, id: idSchema.optional(), fields: postFailFieldsSchema }),
  )
    .changes('exams', 'support')
    .returns<PostFailRecord>(),
  'exams:postFailText': channel(z.strictObject({ id: idSchema })).returns<PostFailExportText>(),
  'exams:postFailFile': channel(z.strictObject({ id: idSchema, format: z.enum(['pdf', 'docx']) }))
    .changes('exportLog')
    .returns<ExportedFile>(),
  'exams:readinessText': channel(z.strictObject({ id: idSchema })).returns<PostFailExportText>(),
  'exams:readinessFile': channel(z.strictObject({ id: idSchema, format: z.enum(['pdf', 'docx']) }))
    .changes('exportLog')
    .returns<ExportedFile>(),
  'exams:saveReadiness': channel(
    z.strictObject({ traineeId: idSchema, id: idSchema.optional(), fields: readinessFieldsSchema }),
  )
    .changes('exams')
    .returns<ReadinessRecord>(),
  'exams:monitor': channel(empty).returns<MonitorRow[]>(),
  /** Extension time and the after-training attempt of every trainee with an extension or who has left. */
  'exams:monitorTime': channel(empty).returns<MonitorTraineeTime[]>(),
  /** Adds an extension period (no id) or changes one; refused when it overlaps another or exceeds the allowance. */
  'exams:saveExtension': channel(
    z.strictObject({ traineeId: idSchema, id: idSchema.optional(), fields: extensionFieldsSchema }),
  )
    .changes('exams')
    .returns<ExtensionPeriod>(),
  'exams:deleteExtension': channel(z.strictObject({ id: idSchema }))
    .changes('exams')
    .returns<{ id: string }>(),
};

export const examImportChannels = {
  'examImport:preview': channel(resultsFileSchema).returns<ResultsImportPreview>(),
  'examImport:commit': channel(resultsFileSchema).changes('exams').returns<ResultsImportOutcome>(),
};
