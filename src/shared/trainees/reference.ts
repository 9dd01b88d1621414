import { labelledEnum, type EnumValue } from '../labelled-enum';

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

export const TRAINEE_STATUSES = labelledEnum(
  ['in_programme', 'out_of_programme', 'parental_leave', 'sick_leave', 'extension', 'completed', 'left'],
  {
    in_programme: 'In programme',
    out_of_programme: 'Out of programme',
    parental_leave: 'Parental leave',
    sick_leave: 'Sick leave',
    extension: 'Extension',
    completed: 'Completed',
    left: 'Left',
  },
);
export type TraineeStatus = EnumValue<typeof TRAINEE_STATUSES>;

/** Whole-time equivalent bounds: LTFT down to 20%, full time 100%. */
export const WTE_MIN = 0.2;
export const WTE_MAX = 1;
