import { z } from 'zod';
import { channel } from './define';
import { idSchema } from '../trainees/trainee-schema';
import type { ExamDefinition, ExamRules } from '../exams/exam-reference';
import {
  attemptFieldsSchema,
  examDefinitionFieldsSchema,
  examRulesSchema,
  postFailFieldsSchema,
  readinessFieldsSchema,
} from '../exams/exam-schemas';
import type {
  ExamAttempt,
  ExamSetup,
  MonitorRow,
  PostFailDraft,
  PostFailRecord,
  ReadinessRecord,
  ResultsImportOutcome,
  ResultsImportPreview,
  TraineeExams,
} from '../exams/exam-types';
import type { ExportedFile, TextSection } from '../exports/report-document';

/** Largest results CSV accepted, as base64 text (about 15 MB of file). */
const MAX_IMPORT_BASE64 = 20_000_000;

const resultsFileSchema = z.object({
  jobId: z.string().min(1).max(64),
  fileName: z.string().max(260),
  contentBase64: z.string().max(MAX_IMPORT_BASE64, { error: 'The file is too large to import (limit about 15 MB)' }),
});

/** Paste-ready text of a shared record (post-fail conversation or readiness discussion). */
export interface PostFailExportText {
  sections: TextSection[];
  /** Everything shared, in one text, for "copy all shared sections". */
  all: string;
}

export const examChannels = {
  'exams:setup': channel(z.object({}).default({})).returns<ExamSetup>(),
  'exams:saveDefinition': channel(z.object({ id: idSchema.optional(), fields: examDefinitionFieldsSchema }))
    .changes('exams')
    .returns<ExamDefinition>(),
  'exams:archiveDefinition': channel(z.object({ id: idSchema }))
    .changes('exams')
    .returns<ExamDefinition>(),
  'exams:saveRules': channel(examRulesSchema).changes('exams').returns<ExamRules>(),
  'exams:forTrainee': channel(z.object({ traineeId: idSchema })).returns<TraineeExams>(),
  'exams:saveAttempt': channel(z.object({ traineeId: idSchema, id: idSchema.optional(), fields: attemptFieldsSchema }))
    .changes('exams')
    .returns<ExamAttempt>(),
  'exams:deleteAttempt': channel(z.object({ id: idSchema }))
    .changes('exams')
    .returns<{ id: string }>(),
  'exams:postFailDraft': channel(z.object({ attemptId: idSchema })).returns<PostFailDraft>(),
  'exams:savePostFail': channel(
    z.object({ attemptId: idSchema, id: idSchema.optional(), fields: postFailFieldsSchema }),
  )
    .changes('exams', 'support')
    .returns<PostFailRecord>(),
  'exams:postFailText': channel(z.object({ id: idSchema })).returns<PostFailExportText>(),
  'exams:postFailFile': channel(z.object({ id: idSchema, format: z.enum(['pdf', 'docx']) })).returns<ExportedFile>(),
  'exams:readinessText': channel(z.object({ id: idSchema })).returns<PostFailExportText>(),
  'exams:readinessFile': channel(z.object({ id: idSchema, format: z.enum(['pdf', 'docx']) })).returns<ExportedFile>(),
  'exams:saveReadiness': channel(
    z.object({ traineeId: idSchema, id: idSchema.optional(), fields: readinessFieldsSchema }),
  )
    .changes('exams')
    .returns<ReadinessRecord>(),
  'exams:monitor': channel(z.object({}).default({})).returns<MonitorRow[]>(),
  'examImport:preview': channel(resultsFileSchema).returns<ResultsImportPreview>(),
  'examImport:commit': channel(resultsFileSchema).changes('exams').returns<ResultsImportOutcome>(),
};
