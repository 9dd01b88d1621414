export { createExportLogService, exportLogCsv, type ExportLogService } from './export-log-service';
export { exportLogHandlers } from './export-log-handlers';
export { forgetTraineeInExportLog, readExportLog, recordExport } from './export-log-read';
