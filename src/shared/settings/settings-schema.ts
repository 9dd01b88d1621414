import { z } from 'zod';

export const USER_ROLES = [
  { value: 'tpd', label: 'Training Programme Director' },
  { value: 'es', label: 'Educational supervisor' },
  { value: 'exam_tpd', label: 'Exam TPD / exam lead' },
] as const;
export type UserRole = (typeof USER_ROLES)[number]['value'];

/** Which columns a table shows: table id → column id → visible. */
export const columnVisibilitySchema = z.record(z.string().max(60), z.record(z.string().max(60), z.boolean()));

export const settingsSchema = z.strictObject({
  userName: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || null : v),
    z.string().max(100, { error: 'Your name must be 100 characters or fewer' }).nullable(),
  ),
  role: z.enum(['tpd', 'es', 'exam_tpd'], { error: 'Choose your role' }).nullable(),
  tableColumns: columnVisibilitySchema,
  /** "What works" figures hide counts under this (3, 5 or 10). */
  insightsThreshold: z.union([z.literal(3), z.literal(5), z.literal(10)], {
    error: 'Hide counts under 3, 5 or 10',
  }),
});
export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { userName: null, role: null, tableColumns: {}, insightsThreshold: 3 };
