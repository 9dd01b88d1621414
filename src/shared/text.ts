import { z } from 'zod';

/**
 * Characters no one types into a form: NUL, the other C0 controls, DEL and the C1 range. Free text
 * keeps tab and the line breaks (a note has paragraphs; Word pastes a vertical tab or form feed);
 * a one-line value (a name, a programme, a code) keeps none of them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F]/;

export type TextLines = 'one' | 'many';

/** The first control character `text` may not hold, or null. */
export function controlCharacterIn(text: string, lines: TextLines = 'many'): string | null {
  const found = (lines === 'one' ? CONTROL_IN_LINE : CONTROL_IN_TEXT).exec(text);
  return found ? found[0] : null;
}

/** What a form says about a control character, naming its code point (it has no glyph to show). */
export function controlCharacterMessage(label: string, character: string): string {
  const code = character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `${label} cannot hold a control character (U+${code}); remove it`;
}

/** Refuses control characters in a string schema, with a message naming the field and the character. */
export function withoutControlCharacters<T extends z.ZodType<string | null>>(
  schema: T,
  label: string,
  lines: TextLines = 'many',
): T {
  return schema.superRefine((value, ctx) => {
    if (typeof value !== 'string') return;
    const character = controlCharacterIn(value, lines);
    if (character) ctx.addIssue({ code: 'custom', message: controlCharacterMessage(label, character) });
  }) as unknown as T;
}

/** Free text that may be left blank: trimmed, and blank becomes null. */
export function optionalText(max: number, label = 'This field', lines: TextLines = 'many') {
  return z.preprocess(
    (v) => (v == null ? null : typeof v === 'string' ? v.trim() || null : v),
    withoutControlCharacters(
      z
        .string()
        .max(max, { error: `${label} must be ${max} characters or fewer` })
        .nullable(),
      label,
      lines,
    ),
  );
}

/** Required free text, trimmed, with a message that says what to enter. */
export function requiredText(max: number, missing: string, label = 'This field', lines: TextLines = 'many') {
  return withoutControlCharacters(
    z
      .string({ error: missing })
      .trim()
      .min(1, { error: missing })
      .max(max, { error: `${label} must be ${max} characters or fewer` }),
    label,
    lines,
  );
}

/** Collapses runs of spaces inside a name ("  Addo " → "Addo"). */
export function tidySpaces(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * Text from a file, shortened for a message or a preview that echoes it: a 10 MB cell never comes
 * back whole. Keeps whole code points (never half an emoji).
 */
export function shortenForEcho(text: string, max = 80): string {
  if (text.length <= max) return text;
  const kept = Array.from(text.slice(0, max + 1))
    .slice(0, -1)
    .join('');
  return `${kept}… (${text.length.toLocaleString('en-GB')} characters)`;
}
