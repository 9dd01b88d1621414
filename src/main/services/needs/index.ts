export { createNeedsService, type NeedsService } from './needs-service';
export { needsHandlers } from './needs-handlers';
export { addNeedsDemo } from './needs-demo';
