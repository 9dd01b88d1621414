export { createExamService, type ExamService } from './exam-service';
export { createResultsImportService, type ResultsImportService } from './results-import-service';
export { examHandlers } from './exam-handlers';
export { addExamDemo } from './exam-demo';
export { examWarningsDue } from './exam-today';
