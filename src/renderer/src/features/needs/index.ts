export { NeedsTab } from './NeedsTab';
export { needsKeys, useNeeds } from './queries';
