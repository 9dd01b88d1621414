import { channel } from '../contract/define';
import { insightsFiltersSchema, type InsightsFigures } from './insights-types';
import { combineReturnsSchema, exportReturnSchema, type CombinedReturns, type ExportedReturn } from './insights-return';

/** "What works": cohort figures on the TPD's own data, and returns a region can add up. All reads. */
export const insightsChannels = {
  'insights:figures': channel(insightsFiltersSchema.default({})).returns<InsightsFigures>(),
  /** Makes the return's JSON and CSV for the renderer to save; writes no table and no file. */
  'insights:exportReturn': channel(exportReturnSchema).changes('exportLog').returns<ExportedReturn>(),
  'insights:combineReturns': channel(combineReturnsSchema).returns<CombinedReturns>(),
};
