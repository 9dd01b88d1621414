import { useRef, useState, type FormEvent } from 'react';
import { RECOVERY_KEY_WORD_COUNT } from '../../../../shared/backups/backup-contract';
import { ApiError, useApi } from '../../api';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { saveExportedFile } from '../../lib/download';

/** How many words the user types back to show they have a copy. */
const WORDS_TO_CHECK = 3;

/** Three different positions (1-based), in order, so the fields read "Word 2", "Word 7", "Word 11". */
function pickPositions(): number[] {
  const positions = new Set<number>();
  while (positions.size < WORDS_TO_CHECK) positions.add(1 + Math.floor(Math.random() * RECOVERY_KEY_WORD_COUNT));
  return [...positions].sort((a, b) => a - b);
}

/**
 * A recovery key just made: shown once as a numbered list with a printable sheet, then three of its
 * words typed back, and main told (it checks all twelve open the database) before `onDone`. The words
 * live only in this component's memory; until main is told, first start comes back after a reload.
 */
export function RecoveryKeySetup({ words, onDone }: { words: string[]; onDone(): void }) {
  const [step, setStep] = useState<'show' | 'check'>('show');
  return step === 'show' ? (
    <ShowWords words={words} onNext={() => setStep('check')} />
  ) : (
    <CheckWords words={words} onBack={() => setStep('show')} onDone={onDone} />
  );
}

function ShowWords({ words, onNext }: { words: string[]; onNext(): void }) {
  const api = useApi();
  const [sheetError, setSheetError] = useState<string | null>(null);
  return (
    <div className="stack">
      <p>
        Write these {words.length} words down, in order, or print the recovery sheet. With them you can restore your
        backups on this computer or a new one. They are shown only now: the app does not keep them.
      </p>
      <ol className="recovery-words" aria-label="Recovery key">
        {words.map((word, i) => (
          <li key={i}>{word}</li>
        ))}
      </ol>
      <FormError message={sheetError} />
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={async () => {
            setSheetError(null);
            try {
              saveExportedFile(await api.recovery.sheet({ words }));
            } catch {
              setSheetError('The recovery sheet could not be made. Write the words down instead.');
            }
          }}
        >
          Download recovery sheet (PDF)
        </button>
        <button type="button" className="button button-primary" onClick={onNext}>
          I have written it down
        </button>
      </div>
    </div>
  );
}

function CheckWords({ words, onBack, onDone }: { words: string[]; onBack(): void; onDone(): void }) {
  const api = useApi();
  const [positions] = useState(pickPositions);
  const [typed, setTyped] = useState<Record<number, string>>({});
  const [wrong, setWrong] = useState<number[]>([]);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const inputs = useRef<Record<number, HTMLInputElement | null>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const mismatched = positions.filter((p) => (typed[p] ?? '').trim().toLowerCase() !== words[p - 1]);
    setWrong(mismatched);
    if (mismatched.length > 0) return inputs.current[mismatched[0]!]?.focus();
    setConfirming(true);
    setConfirmError(null);
    try {
      await api.recovery['confirm-key']({ words: words.join(' ') });
      onDone();
    } catch (error) {
      setConfirmError(error instanceof ApiError ? error.message : 'The check could not be saved. Try again.');
    } finally {
      setConfirming(false);
    }
  };

  return (
    <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
      <p>To check your copy, type these words from your recovery key.</p>
      <FormError
        message={
          wrong.length > 0
            ? `${wrong.map((p) => `Word ${p}`).join(', ')} ${wrong.length === 1 ? 'does' : 'do'} not match. Check your copy of the recovery key.`
            : confirmError
        }
      />
      <div className="form-grid">
        {positions.map((p) => (
          <Field
            key={p}
            label={`Word ${p}`}
            error={wrong.includes(p) ? `This is not word ${p} of your recovery key.` : undefined}
          >
            <input
              ref={(el) => {
                inputs.current[p] = el;
              }}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="none"
              value={typed[p] ?? ''}
              onChange={(e) => setTyped((t) => ({ ...t, [p]: e.target.value }))}
            />
          </Field>
        ))}
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={confirming}>
          Continue
        </button>
        <button type="button" className="button" onClick={onBack}>
          Show the words again
        </button>
      </div>
    </form>
  );
}
