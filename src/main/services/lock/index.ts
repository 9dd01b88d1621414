export { createLockService, type LockReason, type LockService } from './lock-service';
export { lockHandlers } from './lock-handlers';
