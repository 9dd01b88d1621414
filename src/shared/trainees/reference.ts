/** Reference lists for the register. Labels are what people read; values are what is stored. */

export const TRAINING_GRADES = [
  'ST1',
  'ST2',
  'ST3',
  'ST4',
  'ST5',
  'ST6',
  'ST7',
  'ST8',
  'CT1',
  'CT2',
  'CT3',
  'F1',
  'F2',
] as const;
export type TrainingGrade = (typeof TRAINING_GRADES)[number];

export const TRAINEE_STATUSES = [
  { value: 'in_programme', label: 'In programme' },
  { value: 'out_of_programme', label: 'Out of programme' },
  { value: 'parental_leave', label: 'Parental leave' },
  { value: 'sick_leave', label: 'Sick leave' },
  { value: 'extension', label: 'Extension' },
  { value: 'completed', label: 'Completed' },
  { value: 'left', label: 'Left' },
] as const;
export type TraineeStatus = (typeof TRAINEE_STATUSES)[number]['value'];
export const TRAINEE_STATUS_VALUES = TRAINEE_STATUSES.map((s) => s.value) as [TraineeStatus, ...TraineeStatus[]];

export function statusLabel(value: string): string {
  return TRAINEE_STATUSES.find((s) => s.value === value)?.label ?? value;
}

/** Whole-time equivalent bounds: LTFT down to 20%, full time 100%. */
export const WTE_MIN = 0.2;
export const WTE_MAX = 1;
