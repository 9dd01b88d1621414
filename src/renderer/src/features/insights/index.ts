export { InsightsPage } from './InsightsPage';
export { InsightsSettings } from './InsightsSettings';
export { insightsKeys, useInsightsFigures } from './queries';
