export {
  createErasureService,
  ERASED_TABLES,
  type ErasureOptions,
  type ErasureService,
  type ForgetTrainee,
} from './erasure-service';
export { erasureHandlers } from './erasure-handlers';
export { RETENTION_KIND, retentionDue } from './erasure-today';
