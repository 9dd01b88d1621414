export { createDemoService, DEMO_SEED, DEMO_SIZES, type DemoService } from './demo-service';
export { demoHandlers } from './demo-handlers';
