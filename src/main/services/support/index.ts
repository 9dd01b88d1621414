export { createSupportService, offerSupport, stepSupportItem, type SupportService } from './support-service';
export { supportHandlers } from './support-handlers';
export { addSupportDemo } from './support-demo';
