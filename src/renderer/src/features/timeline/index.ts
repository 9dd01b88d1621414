export { TimelineTab } from './TimelineTab';
export { useTimeline } from './queries';
