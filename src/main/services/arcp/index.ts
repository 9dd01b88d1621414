export { createArcpService, type ArcpService } from './arcp-service';
export { createArcpBatch, type ArcpBatch, type FolderAccess } from './arcp-batch';
export { arcpSources } from './arcp-source-adapters';
export { arcpHandlers } from './arcp-handlers';
export { addArcpDemo } from './arcp-demo';
export { arcpDeadlinesDue } from './arcp-today';
