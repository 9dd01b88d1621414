import { useState, type ReactNode } from 'react';

export interface DeleteAction {
  /** The button that asks first, e.g. "Delete result". */
  label: string;
  /** What deleting means, shown in the confirmation. */
  question: ReactNode;
  /** The confirming button ("Delete" unless told). */
  confirmLabel?: string;
  /** The button that backs out ("Keep it" unless told). */
  keepLabel?: string;
  run(): void | Promise<void>;
}

/**
 * The buttons at the foot of a form: Save (the submit button), Cancel, and a Delete that asks
 * for confirmation in place before it runs. Anything else (an export, a draft note) goes in children.
 */
export function FormFooter({
  submitLabel,
  submitting,
  canSubmit = true,
  onCancel,
  cancelLabel = 'Cancel',
  remove,
  children,
}: {
  submitLabel: string;
  submitting?: boolean;
  /** False while the form cannot be sent yet (nothing chosen); Save is then disabled. */
  canSubmit?: boolean;
  onCancel?: () => void;
  cancelLabel?: string;
  remove?: DeleteAction | undefined;
  children?: ReactNode;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={submitting || !canSubmit}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {cancelLabel}
          </button>
        ) : null}
        {children}
        {remove && !confirming ? (
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            {remove.label}
          </button>
        ) : null}
      </div>
      {remove && confirming ? (
        <div className="alert alert-error" role="alertdialog" aria-label="Confirm deletion">
          <p>{remove.question}</p>
          <div className="button-row">
            <button
              type="button"
              className="button button-exam-danger"
              onClick={async () => {
                await remove.run();
                // Back to the buttons either way: a failed delete shows its message above.
                setConfirming(false);
              }}
            >
              {remove.confirmLabel ?? 'Delete'}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {remove.keepLabel ?? 'Keep it'}
            </button>
          </div>
        </div>
      ) : null}
    </>
  );
}
