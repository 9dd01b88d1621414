import type { HandlersFor } from '../../handler-registry';
import type { DemoService } from './demo-service';

export function demoHandlers(demo: DemoService): HandlersFor<'demo'> {
  return {
    'demo:load': ({ size }) => demo.load(size),
  };
}
