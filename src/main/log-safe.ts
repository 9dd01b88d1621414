/**
 * What the app writes to its own log (stderr) about an error it did not expect: enough to find the
 * bug (the kind of error, its code, where it was thrown) and never what was stored. Error messages
 * quote their input: V8's JSON.parse shows the text it could not read ("Hannah Farouk" is not valid
 * JSON), a TypeError can name a value, a library's message can hold a row. So quoted text, long
 * digit runs (GMC numbers, phone numbers) and anything after the first line are replaced.
 */

const QUOTED = /"[^"\n]*"?|'[^'\n]*'?|“[^”\n]*”?|‘[^’\n]*’?|`[^`\n]*`?/g;
const DIGITS = /\d{5,}/g;
const MAX_MESSAGE = 200;
const MAX_FRAMES = 12;

/** A message with what it quotes and any long number blanked, on one line. */
export function redactMessage(message: string): string {
  const firstLine = message.split('\n', 1)[0] ?? '';
  const redacted = firstLine.replace(QUOTED, '[…]').replace(DIGITS, '[number]');
  return redacted.length > MAX_MESSAGE ? `${redacted.slice(0, MAX_MESSAGE)}…` : redacted;
}

function describeOne(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${error === null ? 'null' : typeof error}`;
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${redactMessage(error.message)}`;
}

/** The error for the log: its kind, code and redacted message, its causes, and the stack's frames only. */
export function describeErrorForLog(error: unknown): string {
  const lines = [describeOne(error)];
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < 3; depth++) {
    lines.push(`  caused by ${describeOne(cause)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  if (error instanceof Error && error.stack) {
    // The stack's first lines repeat the message; only its frames are kept.
    const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
    lines.push(...frames.slice(0, MAX_FRAMES).map((frame) => frame.replace(QUOTED, '[…]')));
  }
  return lines.join('\n');
}

/** console.error for an unexpected error, with nothing stored in it. */
export function logError(context: string, error: unknown): void {
  console.error(`${context} ${describeErrorForLog(error)}`);
}
