export { createHandoverService, type HandoverService } from './handover-service';
export { handoverHandlers } from './handover-handlers';
