export { createTimelineService, type TimelineService } from './timeline-service';
export { timelineHandlers } from './timeline-handlers';
