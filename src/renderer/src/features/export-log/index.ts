export { ExportLogSettings } from './ExportLogSettings';
export { exportLogKeys, useExportLog } from './queries';
export { useLogExport, type RendererExportKind } from './mutations';
