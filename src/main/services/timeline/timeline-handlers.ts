import type { HandlersFor } from '../../handler-registry';
import type { TimelineService } from './timeline-service';

export function timelineHandlers(timeline: TimelineService): HandlersFor<'timeline'> {
  return {
    'timeline:list': ({ traineeId }) => timeline.list(traineeId),
  };
}
