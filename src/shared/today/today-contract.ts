import { z } from 'zod';
import { channel } from '../contract/define';
import { idSchema } from '../schema-helpers';
import type { TodayItem, TodayView } from './today-types';

export const todayChannels = {
  /** `kind` narrows the rows (before the per-group cap); the kind counts always cover everything. */
  'today:view': channel(
    z.strictObject({ kind: z.string().max(60).nullable().default(null) }).default({ kind: null }),
  ).returns<TodayView>(),
  /** One trainee's overdue and due rows, by the same rules as Today (the trainee's Overview). */
  'today:forTrainee': channel(z.strictObject({ traineeId: idSchema })).returns<TodayItem[]>(),
};
