import { useState } from 'react';
import { formatUkDate } from '../../../../shared/dates';
import type { ResultsImportOutcome, ResultsImportPreview, ResultsImportRow } from '../../../../shared/exams/exam-types';
import { ApiError, useClient } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import {
  IMPORT_PREVIEW_LIMIT,
  IMPORT_STATUS_LABEL,
  ImportCounts,
  ImportWorking,
  plural,
  useImportProgress,
} from '../../components/ImportSteps';
import { fileToBase64 } from '../../lib/download';

type Step =
  | { name: 'choose' }
  | { name: 'working'; label: string }
  | { name: 'preview'; preview: ResultsImportPreview }
  | { name: 'done'; preview: ResultsImportPreview; outcome: ResultsImportOutcome };

function RowsTable({
  id,
  title,
  rows,
  reasons,
}: {
  id: string;
  title: string;
  rows: ResultsImportRow[];
  reasons: 'reasons' | 'status';
}) {
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>
        {title} ({rows.length})
      </h3>
      {/* Focusable so that a keyboard user can scroll a long list (WCAG 2.1.1). */}
      <div className="table-scroll table-scroll-short" tabIndex={0} role="group" aria-labelledby={id}>
        <table className="data-table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Trainee</th>
              <th scope="col">GMC number</th>
              <th scope="col">Exam</th>
              <th scope="col">Sitting</th>
              <th scope="col">Result</th>
              <th scope="col">{reasons === 'reasons' ? 'Reason' : 'Action'}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, IMPORT_PREVIEW_LIMIT).map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td>{r.traineeName || '—'}</td>
                <td>{r.gmcNumber || '—'}</td>
                <td>{r.exam || '—'}</td>
                <td>{/^\d{4}-/.test(r.sittingDate) ? formatUkDate(r.sittingDate) : r.sittingDate || '—'}</td>
                <td>{r.result || '—'}</td>
                <td className="cell-wrap">
                  {reasons === 'reasons' ? r.reasons.join('; ') : IMPORT_STATUS_LABEL[r.status]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > IMPORT_PREVIEW_LIMIT ? <p className="muted">Showing the first {IMPORT_PREVIEW_LIMIT}.</p> : null}
    </section>
  );
}

/**
 * Results that contradict their own figures: each is recorded only when ticked, as the attempt form
 * asks "Record it anyway" before saving one.
 */
function RowsToCheck({
  rows,
  confirmed,
  onToggle,
}: {
  rows: readonly ResultsImportRow[];
  confirmed: ReadonlySet<number>;
  onToggle(line: number, on: boolean): void;
}) {
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="results-to-check">
      <h3 id="results-to-check">To check ({rows.length})</h3>
      <p>
        These results contradict their own figures (a Fail at or over its pass mark, a Pass under it or with every
        domain failed, a score over the paper’s items). Check each against the college’s letter; they are left out
        unless you tick “Record it anyway”.
      </p>
      <div className="table-scroll table-scroll-short" tabIndex={0} role="group" aria-labelledby="results-to-check">
        <table className="data-table" aria-labelledby="results-to-check">
          <thead>
            <tr>
              <th scope="col">Record it anyway</th>
              <th scope="col">Line</th>
              <th scope="col">Trainee</th>
              <th scope="col">Exam</th>
              <th scope="col">Sitting</th>
              <th scope="col">Result</th>
              <th scope="col">Check</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.line}>
                <td>
                  <input
                    type="checkbox"
                    checked={confirmed.has(r.line)}
                    onChange={(e) => onToggle(r.line, e.target.checked)}
                    aria-label={`Record line ${r.line} anyway: ${r.flags.join('; ')}`}
                  />
                </td>
                <td>{r.line}</td>
                <td>{r.traineeName || '—'}</td>
                <td>{r.exam}</td>
                <td>{formatUkDate(r.sittingDate)}</td>
                <td>{r.result}</td>
                <td className="cell-wrap">{r.flags.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Exam results from a CSV: choose, check every row, then save all valid rows at once. */
export function ImportResultsDialog({ onClose }: { onClose(): void }) {
  const { api, on } = useClient();
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { jobId, progress } = useImportProgress(on);
  const [confirmed, setConfirmed] = useState<ReadonlySet<number>>(() => new Set());
  const toggle = (line: number, on: boolean) =>
    setConfirmed((current) => {
      const next = new Set(current);
      if (on) next.add(line);
      else next.delete(line);
      return next;
    });

  const chooseFile = async (chosen: File | undefined) => {
    if (!chosen) return;
    setError(null);
    setStep({ name: 'working', label: 'Reading file' });
    try {
      const loaded = { fileName: chosen.name, contentBase64: await fileToBase64(chosen) };
      setFile(loaded);
      setStep({ name: 'working', label: 'Checking rows' });
      setStep({ name: 'preview', preview: await api.examImport.preview({ jobId, ...loaded }) });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The file could not be read. Is it open in another program?');
      setStep({ name: 'choose' });
    }
  };

  const commit = async (preview: ResultsImportPreview) => {
    if (!file) return;
    setError(null);
    setStep({ name: 'working', label: 'Saving results' });
    try {
      const outcome = await api.examImport.commit({ jobId, ...file, confirmedLines: [...confirmed] });
      setStep({ name: 'done', preview, outcome });
    } catch (e) {
      setError(`${e instanceof ApiError ? e.message : 'The import failed.'} No results were saved.`);
      setStep({ name: 'preview', preview });
    }
  };

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title="Import exam results" wide>
      <FormError message={error} />
      {step.name === 'choose' ? (
        <div className="stack">
          <p>
            Choose the results file (CSV) with columns GMC Number, Exam, Sitting Date and Result, and optionally Score,
            Pass Mark, AKT subject-area percentages and SCA domain grades. Rows are matched to trainees by GMC number;
            nothing is saved until you confirm.
          </p>
          <label className="field">
            <span className="field-label">Results CSV file</span>
            <input type="file" accept=".csv,text/csv" onChange={(e) => void chooseFile(e.target.files?.[0])} />
          </label>
        </div>
      ) : null}
      {step.name === 'working' ? <ImportWorking label={step.label} progress={progress} /> : null}
      {step.name === 'preview' ? (
        <div className="stack">
          <ImportCounts counts={step.preview.counts}>
            <div className={step.preview.flagged ? 'summary-card summary-card-warning' : 'summary-card'}>
              <span className="summary-number">{step.preview.flagged}</span> to check
            </div>
          </ImportCounts>
          <p className="muted">
            {step.preview.fileName} · {step.preview.rows.length} rows · read as {step.preview.encoding}
          </p>
          {step.preview.missingColumns.length > 0 ? (
            <div className="alert alert-error" role="alert">
              The file has no column for: {step.preview.missingColumns.join(', ')}.
            </div>
          ) : null}
          <RowsTable
            id="results-rejected"
            title="Rejected rows"
            rows={step.preview.rows.filter((r) => r.status === 'error')}
            reasons="reasons"
          />
          <RowsToCheck
            rows={step.preview.rows.filter((r) => r.status !== 'error' && r.flags.length > 0)}
            confirmed={confirmed}
            onToggle={toggle}
          />
          <RowsTable
            id="results-valid"
            title="Results to import"
            rows={step.preview.rows.filter((r) => r.status !== 'error' && r.flags.length === 0)}
            reasons="status"
          />
          <div className="button-row">
            {(() => {
              const held = step.preview.rows.filter(
                (r) => r.status !== 'error' && r.flags.length > 0 && !confirmed.has(r.line),
              ).length;
              const n = step.preview.counts.create + step.preview.counts.update - held;
              return (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={n === 0 || step.preview.missingColumns.length > 0}
                  onClick={() => void commit(step.preview)}
                >
                  {n === 0 ? 'Nothing to import' : `Import ${plural(n, 'result')}`}
                </button>
              );
            })()}
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {step.name === 'done' ? (
        <div className="stack">
          <div className="alert alert-success" role="status">
            <strong>
              {plural(step.outcome.created + step.outcome.updated, 'result')} imported: {step.outcome.created} new,{' '}
              {step.outcome.updated} updated. {plural(step.outcome.rejected, 'row')} rejected
              {step.outcome.flagged ? `; ${step.outcome.flagged} recorded after checking` : ''}
              {step.outcome.leftOut ? `; ${step.outcome.leftOut} left out to check` : ''}.
            </strong>
          </div>
          <RowsTable
            id="results-rejected-done"
            title="Rejected rows"
            rows={step.preview.rows.filter((r) => r.status === 'error')}
            reasons="reasons"
          />
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
