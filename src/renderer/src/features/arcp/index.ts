export { ArcpPage } from './ArcpPage';
export { ArcpTab } from './ArcpTab';
export { arcpKeys, useArcpDeadlines, usePanels, useTraineeArcp } from './queries';
