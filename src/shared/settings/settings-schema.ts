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
});
export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { userName: null, role: null, tableColumns: {} };
