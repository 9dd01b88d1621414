import { z } from 'zod';

/**
 * Characters no one types into a form: NUL, the other C0 controls, DEL and the C1 range. Tab and
 * the line breaks are kept in free text (a note has paragraphs; Word pastes a vertical tab or form
 * feed); in a one-line value (a name, a programme, a post) they become single spaces, as a cell
 * with Alt+Enter in it reads.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/;

export type TextLines = 'one' | 'many';

/** The first control character `text` may not hold, or null. */
export function controlCharacterIn(text: string): string | null {
  const found = CONTROL_CHARACTER.exec(text);
  return found ? found[0] : null;
}

/** What a form says about a control character, naming its code point (it has no glyph to show). */
export function controlCharacterMessage(label: string, character: string): string {
  const code = character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `${label} cannot hold a control character (U+${code}); remove it`;
}

/** Refuses control characters in a string schema, with a message naming the field and the character. */
export function withoutControlCharacters<T extends z.ZodType<string | null>>(schema: T, label: string): T {
  return schema.superRefine((value, ctx) => {
    if (typeof value !== 'string') return;
    const character = controlCharacterIn(value);
    if (character) ctx.addIssue({ code: 'custom', message: controlCharacterMessage(label, character) });
  }) as unknown as T;
}

/** One-line text as typed: trimmed, line breaks and runs of spaces made single spaces. */
const oneLine = (v: unknown) => (typeof v === 'string' ? tidySpaces(v) : v);

/** Free text that may be left blank: trimmed, and blank becomes null. */
export function optionalText(max: number, label = 'This field', lines: TextLines = 'many') {
  return z.preprocess(
    (v) => (v == null ? null : typeof v === 'string' ? (lines === 'one' ? tidySpaces(v) : v.trim()) || null : v),
    withoutControlCharacters(
      z
        .string()
        .max(max, { error: `${label} must be ${max} characters or fewer` })
        .nullable(),
      label,
    ),
  );
}

/** Required free text, trimmed, with a message that says what to enter. */
export function requiredText(max: number, missing: string, label = 'This field', lines: TextLines = 'many') {
  const text = withoutControlCharacters(
    z
      .string({ error: missing })
      .trim()
      .min(1, { error: missing })
      .max(max, { error: `${label} must be ${max} characters or fewer` }),
    label,
  );
  return lines === 'one' ? z.preprocess(oneLine, text) : text;
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

/**
 * A value from a file as a message shows it: shortened (`shortenForEcho`), and any control character
 * written as its escape ("\\u0000"), since it has no glyph to show where it is.
 */
export function echoText(text: string, max = 80): string {
  return shortenForEcho(text, max).replace(
    // eslint-disable-next-line no-control-regex -- making control characters visible is the point
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}
