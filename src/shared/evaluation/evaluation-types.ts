import { z } from 'zod';
import { dateSchema } from '../dates';
import { labelledEnum } from '../labelled-enum';
import { idSchema } from '../schema-helpers';

/**
 * Characteristics kept only for anonymised cohort evaluation (differential attainment). Each is
 * stored only with the trainee's agreement and its date, is never shown about the trainee anywhere
 * else (header, lists, search, Overview, exports), and never marks anyone as at risk: the figures
 * built from them describe how the training system serves groups, not the trainees in them.
 * Stored values are deliberately distinctive words so a test can prove they reach no other output.
 */
export const PRIMARY_QUALIFICATION = labelledEnum(['uk_graduate', 'eea_graduate', 'international_graduate'], {
  uk_graduate: 'United Kingdom',
  eea_graduate: 'European Economic Area (EEA) or Switzerland',
  international_graduate: 'Elsewhere',
});

/** How the trainee came into this GP training post: a small neutral list, with "another route". */
export const ENTRY_ROUTE = labelledEnum(
  ['standard_recruitment', 'return_to_training', 'inter_deanery_transfer', 'change_of_specialty', 'another_route'],
  {
    standard_recruitment: 'National recruitment',
    return_to_training: 'Returning to training (re-entry)',
    inter_deanery_transfer: 'Transfer from another region',
    change_of_specialty: 'Change from another specialty',
    another_route: 'Another route',
  },
);

export const LESS_THAN_FULL_TIME = labelledEnum(['less_than_full_time', 'full_time'], {
  less_than_full_time: 'Yes, less than full time',
  full_time: 'No, full time',
});

export const CHARACTERISTICS = {
  primaryQualification: {
    label: 'Primary medical qualification',
    hint: 'Where the trainee gained their primary medical qualification',
    values: PRIMARY_QUALIFICATION,
  },
  entryRoute: { label: 'Entry route', hint: 'How the trainee entered this training programme', values: ENTRY_ROUTE },
  lessThanFullTime: { label: 'Less than full time', hint: 'As the trainee describes it', values: LESS_THAN_FULL_TIME },
} as const;

export const CHARACTERISTIC_FIELDS = ['primaryQualification', 'entryRoute', 'lessThanFullTime'] as const;
export type CharacteristicField = (typeof CHARACTERISTIC_FIELDS)[number];

export const NO_AGREEMENT_MESSAGE =
  'Not stored: a characteristic is kept only with the trainee’s agreement. Tick that they agreed, or leave it out.';

export const characteristicFieldSchema = z.enum(CHARACTERISTIC_FIELDS, { error: 'Choose which characteristic' });

export const recordCharacteristicSchema = z
  .strictObject({
    traineeId: idSchema,
    field: characteristicFieldSchema,
    value: z.string({ error: 'Choose a value' }).trim().min(1, { error: 'Choose a value' }).max(40),
    /** The trainee's agreement: without it nothing is stored. */
    agreed: z.boolean({ error: 'Say whether the trainee agreed' }),
    agreedOn: dateSchema('date the trainee agreed'),
  })
  .superRefine((input, ctx) => {
    const { values, label } = CHARACTERISTICS[input.field];
    if (!(values.values as readonly string[]).includes(input.value))
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `Choose one of the listed values for ${label.toLowerCase()}`,
      });
    if (input.agreed !== true) ctx.addIssue({ code: 'custom', path: ['agreed'], message: NO_AGREEMENT_MESSAGE });
  });
export type RecordCharacteristicInput = z.input<typeof recordCharacteristicSchema>;
export type RecordCharacteristic = z.output<typeof recordCharacteristicSchema>;

export const withdrawCharacteristicSchema = z.strictObject({ traineeId: idSchema, field: characteristicFieldSchema });

export interface StoredCharacteristic {
  field: CharacteristicField;
  value: string;
  valueLabel: string;
  /** The date the trainee agreed it may be recorded. */
  agreedOn: string;
  updatedAt: string;
}

/** One trainee's characteristics: only those recorded with agreement. */
export interface EvaluationRecord {
  traineeId: string;
  characteristics: Partial<Record<CharacteristicField, StoredCharacteristic>>;
}
