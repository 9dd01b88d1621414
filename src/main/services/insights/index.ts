export { createInsightsService } from './insights-service';
export { insightsHandlers } from './insights-handlers';
