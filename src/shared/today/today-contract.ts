import { z } from 'zod';
import { channel } from '../contract/define';
import type { TodayView } from './today-types';

export const todayChannels = {
  /** `kind` narrows the rows (before the per-group cap); the kind counts always cover everything. */
  'today:view': channel(
    z.strictObject({ kind: z.string().max(60).nullable().default(null) }).default({ kind: null }),
  ).returns<TodayView>(),
};
