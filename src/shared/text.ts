import { z } from 'zod';

/** Free text that may be left blank: trimmed, and blank becomes null. */
export function optionalText(max: number, label = 'This field') {
  return z.preprocess(
    (v) => (v == null ? null : typeof v === 'string' ? v.trim() || null : v),
    z
      .string()
      .max(max, { error: `${label} must be ${max} characters or fewer` })
      .nullable(),
  );
}

/** Required free text, trimmed, with a message that says what to enter. */
export function requiredText(max: number, missing: string, label = 'This field') {
  return z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `${label} must be ${max} characters or fewer` });
}

/** Collapses runs of spaces inside a name ("  Addo " → "Addo"). */
export function tidySpaces(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
