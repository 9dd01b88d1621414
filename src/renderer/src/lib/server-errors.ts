import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../api';

export const NOTHING_SAVED = 'Something went wrong; nothing was saved.';

export interface ServerErrorOptions {
  /** Form-level message when the error is not an ApiError (e.g. the bridge itself failed). */
  fallback?: string;
  /** Move focus to the first field the server rejected. */
  shouldFocus?: boolean;
  /** Server field names carry this prefix (e.g. 'fields.') and the form's names do not. */
  fieldPrefix?: string;
  /** Only mark fields that are keys of this object (e.g. the submitted values); others get just the form-level message. */
  knownFields?: object;
}

/**
 * Shows a failed save on a react-hook-form form: each per-field message from main on its field,
 * and the overall message above the form.
 */
export function applyServerError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  setFormError: (message: string) => void,
  { fallback = NOTHING_SAVED, shouldFocus, fieldPrefix, knownFields }: ServerErrorOptions = {},
): void {
  if (!(error instanceof ApiError)) {
    setFormError(fallback);
    return;
  }
  for (const [serverName, message] of Object.entries(error.fields)) {
    const name = fieldPrefix && serverName.startsWith(fieldPrefix) ? serverName.slice(fieldPrefix.length) : serverName;
    if (knownFields && !(name in knownFields)) continue;
    if (shouldFocus) setError(name as Path<T>, { message }, { shouldFocus: true });
    else setError(name as Path<T>, { message });
  }
  setFormError(error.message);
}
