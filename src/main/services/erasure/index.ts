export { createErasureService, ERASED_TABLES, type ErasureService } from './erasure-service';
export { erasureHandlers } from './erasure-handlers';
export { retentionDue } from './erasure-today';
