import type { ReactElement, ReactNode } from 'react';
import { Field } from './Field';

/** A private-note input, set apart the same way in every form so no one mistakes it for shared text. */
export function PrivateNoteField({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | undefined;
  children: ReactElement<Record<string, unknown>>;
}) {
  return (
    <div className="private-note">
      <Field label={label} {...(hint ? { hint } : {})} error={error}>
        {children}
      </Field>
    </div>
  );
}

/** A saved private note shown to its author; it appears in no export, copy or print. */
export function PrivateNoteText({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="private-note">
      <span className="private-note-label">{label}</span>
      {children}
    </div>
  );
}
