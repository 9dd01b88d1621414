import { channel } from '../contract/define';
import { insightsFiltersSchema, type InsightsFigures } from './insights-types';
import type { ExportedFile } from '../exports';
import { combineReturnsSchema, exportReturnSchema, type CombinedReturns, type ExportedReturn } from './insights-return';

/** "What works": cohort figures on the TPD's own data, and returns a region can add up. All reads. */
export const insightsChannels = {
  'insights:figures': channel(insightsFiltersSchema.default({})).returns<InsightsFigures>(),
  /** Makes the return's JSON and CSV for the renderer to save; writes no table and no file. */
  'insights:exportReturn': channel(exportReturnSchema).returns<ExportedReturn>(),
  'insights:combineReturns': channel(combineReturnsSchema).returns<CombinedReturns>(),
  /** The page's suppressed figures on one PDF page, for the renderer to save; writes nothing. */
  'insights:summaryPdf': channel(insightsFiltersSchema.default({})).returns<ExportedFile>(),
};
