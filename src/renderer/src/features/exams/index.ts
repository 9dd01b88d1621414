export { ExamsTab } from './ExamsTab';
export { ResitMonitorPage } from './ResitMonitorPage';
export { examKeys, useExamSetup, useResitMonitor, useTraineeExams } from './queries';
