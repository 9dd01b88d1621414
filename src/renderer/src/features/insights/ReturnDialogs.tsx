import { useState } from 'react';
import type { InsightsFilters } from '../../../../shared/insights';
import {
  RETURN_MARKING,
  type CombinedReturns,
  type ExportedReturn,
  type ReturnKind,
} from '../../../../shared/insights/insights-return';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Select, plainOptions } from '../../components/Select';
import { useToast } from '../../components/Toasts';
import { saveExportedFile } from '../../lib/download';
import { useCombineReturns, useExportReturn } from './queries';

const KIND_CHOICES: Array<{ kind: ReturnKind; label: string; hint: string }> = [
  {
    kind: 'publication',
    label: 'For publication',
    hint: 'Marked OFFICIAL. Small numbers are hidden as on this page; it cannot be added up with others.',
  },
  {
    kind: 'da-lead',
    label: 'For your DA lead',
    hint: 'Marked OFFICIAL-SENSITIVE: exact counts (a 1 or 2 is hidden only in a programme under 10 trainees), so a region can combine returns. Send it only to your DA lead.',
  },
];

/** Chooses the kind and period of a return, then downloads its JSON and CSV. */
export function ExportReturnDialog({
  quarters,
  period,
  onClose,
}: {
  quarters: string[];
  period: InsightsFilters['period'];
  onClose(): void;
}) {
  const [kind, setKind] = useState<ReturnKind | null>(null);
  const [from, setFrom] = useState(period?.from ?? '');
  const [to, setTo] = useState(period?.to ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [made, setMade] = useState<ExportedReturn | null>(null);
  const exportReturn = useExportReturn();
  const { notify } = useToast();

  const submit = async () => {
    if (!kind) return setProblem('Choose who the return is for');
    const chosen = from || to ? { from: from || quarters[0]!, to: to || quarters[quarters.length - 1]! } : null;
    if (chosen && chosen.from > chosen.to) return setProblem('The period must start before it ends');
    setProblem(null);
    const exported = await exportReturn.mutateAsync({ kind, period: chosen });
    saveExportedFile(exported.json);
    saveExportedFile(exported.csv);
    notify(`Return saved (${exported.marking}): ${exported.json.fileName} and ${exported.csv.fileName}`);
    setMade(exported);
  };

  if (made)
    return (
      <Dialog
        open
        onOpenChange={(open) => !open && onClose()}
        title="Return saved"
        description={`${made.json.fileName} and ${made.csv.fileName} (${made.marking}).`}
      >
        <div className="stack">
          <p>The return is signed with your computer’s key. Its fingerprint:</p>
          <p className="fingerprint mono" aria-label="Signing key fingerprint">
            {made.signedBy}
          </p>
          <p>
            Read it out to your DA lead by phone or in a call, not in the email that carries the file: when the
            fingerprint they see beside your return is this one, it is yours and unchanged. It is also in Settings.
          </p>
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      </Dialog>
    );

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title="Export a return"
      description="Aggregated counts by programme and quarter, with no names, GMC numbers or dates finer than a quarter. Saves a JSON file (the return, signed) and a CSV (the same rows, for a spreadsheet)."
    >
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit().catch(() => undefined);
        }}
      >
        <fieldset className="fieldset">
          <legend>Who is the return for?</legend>
          {KIND_CHOICES.map((c) => (
            <label key={c.kind} className="checkbox insights-kind">
              <input
                type="radio"
                name="return-kind"
                value={c.kind}
                checked={kind === c.kind}
                onChange={() => setKind(c.kind)}
              />
              <span>
                <strong>
                  {c.label} ({RETURN_MARKING[c.kind]})
                </strong>
                <br />
                <span className="small muted">{c.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="form-grid">
          <Field label="From quarter">
            <Select
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              placeholder="The earliest"
              options={plainOptions(quarters)}
            />
          </Field>
          <Field label="To quarter">
            <Select
              value={to}
              onChange={(e) => setTo(e.target.value)}
              placeholder="The latest"
              options={plainOptions(quarters)}
            />
          </Field>
        </div>
        {kind === 'da-lead' ? (
          <p className="alert insights-sensitive">OFFICIAL-SENSITIVE: store and send this return securely.</p>
        ) : null}
        <FormError message={problem ?? (exportReturn.isError ? exportReturn.error.message : null)} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={exportReturn.isPending}>
            {exportReturn.isPending ? 'Making the return…' : 'Export return'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export interface LoadedReturns {
  files: Array<{ fileName: string; text: string }>;
  combined: CombinedReturns;
}

/** Loads several DA-lead returns; main refuses any that cannot be added up, with a message for each case. */
export function CombineReturnsDialog({ onCombined, onClose }: { onCombined(r: LoadedReturns): void; onClose(): void }) {
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const combine = useCombineReturns();

  const submit = async () => {
    if (files.length === 0) return setProblem('Choose at least one return file');
    setProblem(null);
    let texts: LoadedReturns['files'];
    try {
      texts = await Promise.all(files.map(async (f) => ({ fileName: f.name, text: await f.text() })));
    } catch {
      return setProblem('One of the files could not be read. Check it and try again.');
    }
    const combined = await combine.mutateAsync({ returns: texts });
    onCombined({ files: texts, combined });
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title="Combine returns"
      description="Choose the JSON returns your schemes sent (DA lead returns). The page then shows the region's figures, added up and with small numbers hidden afresh."
    >
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit().catch(() => undefined);
        }}
      >
        <Field label="Return files (.json)" hint="Choose several files at once">
          <input
            type="file"
            multiple
            accept=".json,application/json"
            onChange={(e) => {
              setFiles([...(e.target.files ?? [])]);
              combine.reset();
              setProblem(null);
            }}
          />
        </Field>
        {files.length > 0 ? (
          <ul className="plain-list small" aria-label="Chosen files">
            {files.map((f, i) => (
              <li key={`${f.name}-${i}`}>{f.name}</li>
            ))}
          </ul>
        ) : null}
        <FormError message={problem ?? (combine.isError ? combine.error.message : null)} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={combine.isPending}>
            {combine.isPending ? 'Combining…' : 'Combine'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
