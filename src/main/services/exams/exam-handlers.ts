import type { Kysely } from 'kysely';
import type { ExportedFile, ReportDocument } from '../../../shared/exports';
import { displayName } from '../../../shared/trainees';
import type { HandlersFor } from '../../handler-registry';
import type { DB } from '../../store/schema';
import { reportAsDocx, reportAsPdf, safeFileName } from '../../exports/exported-file';
import { reportText, reportTextSections } from '../../exports/report-text';
import { recordExport } from '../export-log';
import { findTrainee } from '../trainees/trainees-read';
import type { ExamService } from './exam-service';
import type { ResultsImportService } from './results-import-service';
import { readinessReport } from './readiness-report';
import { sharedPostFail, sharedReadiness } from './shared-views';
import { postFailReport } from './post-fail-report';

export function examHandlers(
  exams: ExamService,
  imports: ResultsImportService,
  db: Kysely<DB>,
  now: () => Date = () => new Date(),
): HandlersFor<'exams' | 'examImport'> {
  /** A record's PDF or Word file, logged as it leaves. */
  async function recordFile(
    made: { document: ReportDocument; baseName: string; traineeId: string },
    format: 'pdf' | 'docx',
    what: string,
  ): Promise<ExportedFile> {
    const file =
      format === 'pdf'
        ? await reportAsPdf(made.document, made.baseName)
        : await reportAsDocx(made.document, made.baseName);
    const description = `${what} ${format === 'pdf' ? 'PDF' : 'Word document'}`;
    await recordExport(db, { kind: format, traineeIds: [made.traineeId], description }, now());
    return file;
  }
  /** The report is built from the shared view only; see postFailReport. */
  async function report(id: string) {
    const record = sharedPostFail(await exams.postFailById(id));
    const trainee = await findTrainee(db, record.traineeId);
    return {
      document: postFailReport(record, {
        name: `${trainee.givenName} ${trainee.familyName}`,
        gmcNumber: trainee.gmcNumber,
      }),
      baseName: safeFileName('post-fail', record.examCode, displayName(trainee), record.heldOn),
      traineeId: record.traineeId,
    };
  }
  /** Likewise from the shared view only; see readinessReport. */
  async function readinessDocument(id: string) {
    const record = sharedReadiness(await exams.readinessById(id));
    const trainee = await findTrainee(db, record.traineeId);
    return {
      document: readinessReport(record, {
        name: `${trainee.givenName} ${trainee.familyName}`,
        gmcNumber: trainee.gmcNumber,
      }),
      baseName: safeFileName('readiness', record.examCode, displayName(trainee), record.discussedOn),
      traineeId: record.traineeId,
    };
  }
  return {
    'exams:setup': () => exams.setup(),
    'exams:saveDefinition': ({ id, fields }) => exams.saveDefinition(id, fields),
    'exams:archiveDefinition': ({ id }) => exams.archiveDefinition(id),
    'exams:saveRules': (rules) => exams.saveRules(rules),
    'exams:forTrainee': ({ traineeId }) => exams.forTrainee(traineeId),
    'exams:saveAttempt': ({ traineeId, id, fields }) => exams.saveAttempt(traineeId, id, fields),
    'exams:deleteAttempt': ({ id }) => exams.deleteAttempt(id),
    'exams:postFailDraft': ({ attemptId }) => exams.postFailDraft(attemptId),
    'exams:savePostFail': ({ attemptId, id, fields }) => exams.savePostFail(attemptId, id, fields),
    'exams:postFailText': async ({ id }) => {
      const { document } = await report(id);
      return { sections: reportTextSections(document), all: reportText(document) };
    },
    'exams:postFailFile': async ({ id, format }) =>
      recordFile(await report(id), format, 'Post-fail conversation record'),
    'exams:readinessText': async ({ id }) => {
      const { document } = await readinessDocument(id);
      return { sections: reportTextSections(document), all: reportText(document) };
    },
    'exams:readinessFile': async ({ id, format }) =>
      recordFile(await readinessDocument(id), format, 'Readiness conversation record'),
    'exams:saveReadiness': ({ traineeId, id, fields }) => exams.saveReadiness(traineeId, id, fields),
    'exams:monitor': () => exams.monitor(),
    'exams:monitorTime': () => exams.monitorTime(),
    'exams:saveExtension': ({ traineeId, id, fields }) => exams.saveExtension(traineeId, id, fields),
    'exams:deleteExtension': ({ id }) => exams.deleteExtension(id),
    'examImport:preview': (input) => imports.preview(input),
    'examImport:commit': (input) => imports.commit(input),
  };
}
