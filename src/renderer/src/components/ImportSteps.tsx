import { useEffect, useState, type ReactNode } from 'react';
import type { ProgressEvent } from '../../../shared/contract';
import type { Client } from '../api';
import { ProgressBar } from './ProgressBar';

// Pieces the two CSV import dialogs (trainees, exam results) show in exactly the same way.

export const IMPORT_STATUS_LABEL = {
  create: 'New',
  update: 'Update',
  unchanged: 'No change',
  error: 'Rejected',
} as const;
export const IMPORT_PREVIEW_LIMIT = 200;

export function plural(n: number, word: string) {
  return `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;
}

/** One job id for the dialog's lifetime, and the latest progress main reports for it. */
export function useImportProgress(on: Client['on']) {
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [jobId] = useState(() => crypto.randomUUID());
  useEffect(() => on('progress', (p) => p.jobId === jobId && setProgress(p)), [on, jobId]);
  return { jobId, progress, setProgress };
}

/** The working step: a progress bar once main reports a total, until then the step's label. */
export function ImportWorking({ label, progress }: { label: string; progress: ProgressEvent | null }) {
  return progress && progress.total > 0 ? (
    <ProgressBar label={progress.phase} done={progress.done} total={progress.total} />
  ) : (
    <p role="status">{label}…</p>
  );
}

/** The preview's verdict counts; a dialog's own extra cards go in as children. */
export function ImportCounts({
  counts,
  children,
}: {
  counts: { create: number; update: number; unchanged: number; error: number };
  children?: ReactNode;
}) {
  return (
    <div className="summary-cards" role="status">
      <div className="summary-card">
        <span className="summary-number">{counts.create}</span> new
      </div>
      <div className="summary-card">
        <span className="summary-number">{counts.update}</span> to update
      </div>
      <div className="summary-card">
        <span className="summary-number">{counts.unchanged}</span> unchanged
      </div>
      <div className={counts.error ? 'summary-card summary-card-warning' : 'summary-card'}>
        <span className="summary-number">{counts.error}</span> rejected
      </div>
      {children}
    </div>
  );
}
