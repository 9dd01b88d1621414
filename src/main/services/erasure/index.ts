export {
  createErasureService,
  ERASED_TABLES,
  type ErasureOptions,
  type ErasureService,
  type ForgetTrainee,
} from './erasure-service';
export { erasureHandlers } from './erasure-handlers';
export { retentionDue } from './erasure-today';
