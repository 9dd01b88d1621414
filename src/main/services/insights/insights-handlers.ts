import type { HandlersFor } from '../../handler-registry';
import type { InsightsService } from './insights-service';

export function insightsHandlers(insights: InsightsService): HandlersFor<'insights'> {
  return {
    'insights:figures': (filters) => insights.figures(filters),
    'insights:exportReturn': (input) => insights.exportReturn(input),
    'insights:combineReturns': (input) => insights.combineReturns(input),
    'insights:summaryPdf': (filters) => insights.summaryPdf(filters),
    'insights:signingIdentity': () => insights.signingIdentity(),
  };
}
