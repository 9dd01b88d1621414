import { z } from 'zod';

export const USER_ROLES = [
  { value: 'tpd', label: 'Training Programme Director' },
  { value: 'es', label: 'Educational supervisor' },
  { value: 'exam_tpd', label: 'Exam TPD / exam lead' },
] as const;
export type UserRole = (typeof USER_ROLES)[number]['value'];

/** Which columns a table shows: table id → column id → visible. */
export const columnVisibilitySchema = z.record(z.string().max(60), z.record(z.string().max(60), z.boolean()));

/**
 * How long an archived trainee's record is kept after they left or completed training, before Today
 * asks to erase it. `null` (the default) keeps it until you erase it: nothing is ever deleted by itself.
 */
export const retentionPeriodSchema = z
  .strictObject({
    years: z.int({ error: 'Years must be a whole number' }).min(0, { error: 'Years cannot be negative' }).max(50, {
      error: 'At most 50 years',
    }),
    months: z
      .int({ error: 'Months must be a whole number' })
      .min(0, { error: 'Months cannot be negative' })
      .max(11, { error: 'Months go up to 11; add a year instead' }),
  })
  .refine((p) => p.years + p.months > 0, { error: 'Choose a period of at least one month', path: ['months'] })
  .nullable();
export type RetentionPeriod = NonNullable<z.output<typeof retentionPeriodSchema>>;

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
  retentionPeriod: retentionPeriodSchema,
});
export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  userName: null,
  role: null,
  tableColumns: {},
  insightsThreshold: 3,
  retentionPeriod: null,
};
