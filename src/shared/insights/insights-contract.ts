import { channel } from '../contract/define';
import { empty } from '../schema-helpers';
import { insightsFiltersSchema, type InsightsFigures } from './insights-types';
import type { ExportedFile } from '../exports';
import {
  combineReturnsSchema,
  exportReturnSchema,
  type CombinedReturns,
  type ExportedReturn,
  type SigningIdentity,
} from './insights-return';

/** "What works": cohort figures on the TPD's own data, and returns a region can add up. */
export const insightsChannels = {
  'insights:figures': channel(insightsFiltersSchema.default({})).returns<InsightsFigures>(),
  /**
   * Makes the return's JSON and CSV for the renderer to save, signed with this installation's key (made
   * and kept the first time, hence `settings`); writes no file.
   */
  'insights:exportReturn': channel(exportReturnSchema).changes('exportLog', 'settings').returns<ExportedReturn>(),
  'insights:combineReturns': channel(combineReturnsSchema).returns<CombinedReturns>(),
  /** The page's suppressed figures on one PDF page, for the renderer to save; writes nothing. */
  'insights:summaryPdf': channel(insightsFiltersSchema.default({})).changes('exportLog').returns<ExportedFile>(),
  /** The fingerprint of the key that signs this installation's returns (Settings); null before the first return. */
  'insights:signingIdentity': channel(empty).returns<SigningIdentity | null>(),
};
