import type { ReactElement, ReactNode } from 'react';
import { HiddenNote, usePresenting } from '../lib/presenting';
import { Field } from './Field';

/**
 * A private-note input, set apart the same way in every form so no one mistakes it for shared text.
 * While presenting, the input is not drawn at all; the form keeps what it holds, so saving loses nothing.
 */
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
  const { presenting } = usePresenting();
  if (presenting) {
    return (
      <div className="private-note">
        <span className="private-note-label">{label}</span>
        <HiddenNote />
      </div>
    );
  }
  return (
    <div className="private-note">
      <Field label={label} {...(hint ? { hint } : {})} error={error}>
        {children}
      </Field>
    </div>
  );
}

/**
 * A saved private note shown to its author; it appears in no export, copy or print. While presenting
 * it is not drawn at all, so the screen does not even say that there is one.
 */
export function PrivateNoteText({ label, children }: { label: string; children: ReactNode }) {
  const { presenting } = usePresenting();
  if (presenting) return null;
  return (
    <div className="private-note">
      <span className="private-note-label">{label}</span>
      {children}
    </div>
  );
}

/** What is private to its author beyond the notes (a wellbeing check), drawn only when not presenting. */
export function NotWhilePresenting({ children }: { children: ReactNode }) {
  const { presenting } = usePresenting();
  return presenting ? null : <>{children}</>;
}
