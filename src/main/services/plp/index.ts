export { createPlpService, type PlpService } from './plp-service';
export { plpHandlers } from './plp-handlers';
export { addPlpDemo } from './plp-demo';
