import { useState } from 'react';
import {
  IMPORT_TARGETS,
  type ImportField,
  type ImportMapping,
  type ImportOutcome,
  type ImportPreview,
  type ImportRowPreview,
} from '../../../../shared/trainees/import-mapping';
import type { TraineeFieldChange } from '../../../../shared/trainees/trainee-changes';
import { ApiError, useClient } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Select, plainOptions } from '../../components/Select';
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
  | { name: 'preview'; preview: ImportPreview }
  | { name: 'done'; preview: ImportPreview; outcome: ImportOutcome };

interface LoadedFile {
  fileName: string;
  contentBase64: string;
}

/**
 * Import in three steps: choose a file, check the preview (mapping, every row's verdict),
 * then write all valid rows in one go. Closing before the last step writes nothing.
 */
export function ImportTraineesDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { api, on } = useClient();
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { jobId, progress, setProgress } = useImportProgress(on);

  const reset = () => {
    setStep({ name: 'choose' });
    setFile(null);
    setError(null);
    setProgress(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const runPreview = async (loaded: LoadedFile, mapping?: ImportMapping) => {
    setError(null);
    setStep({ name: 'working', label: 'Checking rows' });
    try {
      const preview = await api.traineeImport.preview({ jobId, ...loaded, ...(mapping ? { mapping } : {}) });
      setStep({ name: 'preview', preview });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The file could not be checked.');
      setStep({ name: 'choose' });
    }
  };

  const chooseFile = async (chosen: File | undefined) => {
    if (!chosen) return;
    setError(null);
    setStep({ name: 'working', label: 'Reading file' });
    try {
      const contentBase64 = await fileToBase64(chosen, (loaded, total) =>
        setProgress({ jobId, phase: 'Reading file', done: loaded, total }),
      );
      const loaded = { fileName: chosen.name, contentBase64 };
      setFile(loaded);
      await runPreview(loaded);
    } catch {
      setError('The file could not be read. Is it open in another program?');
      setStep({ name: 'choose' });
    }
  };

  const commit = async (preview: ImportPreview, confirmedLines: number[]) => {
    if (!file) return;
    setError(null);
    setStep({ name: 'working', label: 'Saving trainees' });
    try {
      const outcome = await api.traineeImport.commit({ jobId, ...file, mapping: preview.mapping, confirmedLines });
      setStep({ name: 'done', preview, outcome });
    } catch (e) {
      setError(`${e instanceof ApiError ? e.message : 'The import failed.'} No trainees were saved.`);
      setStep({ name: 'preview', preview });
    }
  };

  return (
    <Dialog open={open} onOpenChange={(o) => !o && close()} title="Import trainees from CSV" wide>
      <FormError message={error} />

      {step.name === 'choose' ? (
        <div className="stack">
          <p>
            Choose the trainee list your scheme sends you, saved as CSV. Columns are matched by their headings
            (Forename, Surname, GMC Number, Programme, Training Grade, Programme Start Date, WTE…); you can change the
            matching before anything is saved.
          </p>
          <label className="field">
            <span className="field-label">CSV file</span>
            <input type="file" accept=".csv,text/csv" onChange={(e) => void chooseFile(e.target.files?.[0])} />
          </label>
        </div>
      ) : null}

      {step.name === 'working' ? <ImportWorking label={step.label} progress={progress} /> : null}

      {step.name === 'preview' && file ? (
        <ImportPreviewView
          preview={step.preview}
          onRemap={(mapping) => void runPreview(file, mapping)}
          onCommit={(confirmedLines) => void commit(step.preview, confirmedLines)}
          onCancel={close}
        />
      ) : null}

      {step.name === 'done' ? (
        <div className="stack">
          <div className="alert alert-success" role="status">
            <strong>
              {plural(step.outcome.created + step.outcome.updated, 'trainee')} imported: {step.outcome.created} new,{' '}
              {step.outcome.updated} updated
              {step.outcome.unchanged ? `, ${step.outcome.unchanged} already up to date` : ''}.{' '}
              {plural(step.outcome.rejected, 'row')} rejected.
              {step.outcome.leftOut ? ` ${plural(step.outcome.leftOut, 'row')} left out (name differs).` : ''}
            </strong>
          </div>
          <RejectedRows preview={step.preview} />
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={close}>
              Close
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}

function RejectedRows({ preview }: { preview: ImportPreview }) {
  const rejected = preview.rows.filter((r) => r.status === 'error');
  if (rejected.length === 0) return null;
  return (
    <section aria-labelledby="rejected-heading">
      <h3 id="rejected-heading">Rejected rows ({rejected.length})</h3>
      <p>
        These rows are not imported. Correct them in the spreadsheet and import the file again; rows already imported
        will not be duplicated.
      </p>
      {/* Focusable so that a keyboard user can scroll a long list (WCAG 2.1.1). */}
      <div className="table-scroll table-scroll-short" tabIndex={0} role="group" aria-labelledby="rejected-heading">
        <table className="data-table" aria-labelledby="rejected-heading">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Name</th>
              <th scope="col">GMC number</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {rejected.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td>{r.name || '—'}</td>
                <td>{r.gmcNumber || '—'}</td>
                <td className="cell-wrap">{r.reasons.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** What an update row would change: "3 changes", opened to read each field before → after. */
function ChangeList({ changes }: { changes: readonly TraineeFieldChange[] }) {
  return (
    <details className="change-list">
      <summary>{plural(changes.length, 'change')}</summary>
      <ul>
        {changes.map((c) => (
          <li key={c.field}>
            {c.label}: <span className="change-before">{c.before}</span> →{' '}
            <span className="change-after">{c.after}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * Rows that match a trainee by GMC number but name someone else: a mistyped number in either list
 * would otherwise put one person's records under another's name. Each is left out unless ticked.
 */
function NameDiffersRows({
  rows,
  confirmed,
  onToggle,
}: {
  rows: readonly ImportRowPreview[];
  confirmed: ReadonlySet<number>;
  onToggle(line: number, on: boolean): void;
}) {
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="name-differs-heading">
      <h3 id="name-differs-heading">Name differs ({rows.length})</h3>
      <p>
        These rows have the GMC number of a trainee in your register but a different name. Check the number in the file:
        importing one renames the trainee, and their 1:1s, notes and exams go with the new name. They are left out
        unless you tick them.
      </p>
      <div className="table-scroll table-scroll-short" tabIndex={0} role="group" aria-labelledby="name-differs-heading">
        <table className="data-table" aria-labelledby="name-differs-heading">
          <thead>
            <tr>
              <th scope="col">Import</th>
              <th scope="col">Line</th>
              <th scope="col">In your register</th>
              <th scope="col">In the file</th>
              <th scope="col">GMC number</th>
              <th scope="col">What would change</th>
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
                    aria-label={`Import line ${r.line}: rename ${r.nameDiffers!.before} to ${r.nameDiffers!.after}`}
                  />
                </td>
                <td>{r.line}</td>
                <td>{r.nameDiffers!.before}</td>
                <td>
                  {r.nameDiffers!.after} <span className="badge badge-warning">Name differs</span>
                </td>
                <td>{r.gmcNumber}</td>
                <td className="cell-wrap">
                  <ChangeList changes={r.changes ?? []} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ImportPreviewView({
  preview,
  onRemap,
  onCommit,
  onCancel,
}: {
  preview: ImportPreview;
  onRemap(m: ImportMapping): void;
  onCommit(confirmedLines: number[]): void;
  onCancel(): void;
}) {
  const { counts } = preview;
  const [confirmed, setConfirmed] = useState<ReadonlySet<number>>(() => new Set());
  const nameDiffers = preview.rows.filter((r) => r.nameDiffers);
  const toWrite = counts.create + counts.update - nameDiffers.filter((r) => !confirmed.has(r.line)).length;
  const valid = preview.rows.filter((r) => r.status !== 'error' && !r.nameDiffers);
  const toggle = (line: number, on: boolean) =>
    setConfirmed((current) => {
      const next = new Set(current);
      if (on) next.add(line);
      else next.delete(line);
      return next;
    });
  const setColumn = (field: ImportField, header: string) => onRemap({ ...preview.mapping, [field]: header || null });
  return (
    <div className="stack">
      <ImportCounts counts={counts}>
        {preview.nameDiffers ? (
          <div className="summary-card summary-card-warning">
            <span className="summary-number">{preview.nameDiffers}</span> name differs
          </div>
        ) : null}
      </ImportCounts>
      <p className="muted">
        {preview.fileName} · {preview.rows.length} rows · read as {preview.encoding}
      </p>

      {preview.unmappedRequired.length > 0 ? (
        <div className="alert alert-error" role="alert">
          Choose a column for:{' '}
          {preview.unmappedRequired.map((f) => IMPORT_TARGETS.find((t) => t.field === f)?.label).join(', ')}.
        </div>
      ) : null}

      <details open={preview.unmappedRequired.length > 0}>
        <summary>Column matching</summary>
        <div className="form-grid">
          {IMPORT_TARGETS.map((target) => (
            <label key={target.field} className="field">
              <span className="field-label">
                {target.label}
                {target.required ? ' (required)' : ''}
              </span>
              <Select
                value={preview.mapping[target.field] ?? ''}
                onChange={(e) => setColumn(target.field, e.target.value)}
                placeholder="— not in this file —"
                options={plainOptions(preview.headers)}
              />
            </label>
          ))}
        </div>
      </details>

      <NameDiffersRows rows={nameDiffers} confirmed={confirmed} onToggle={toggle} />

      <RejectedRows preview={preview} />

      {valid.length > 0 ? (
        <section aria-labelledby="valid-heading">
          <h3 id="valid-heading">Rows to import ({valid.length})</h3>
          <div className="table-scroll table-scroll-short" tabIndex={0} role="group" aria-labelledby="valid-heading">
            <table className="data-table" aria-labelledby="valid-heading">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Name</th>
                  <th scope="col">GMC number</th>
                  <th scope="col">Result</th>
                  <th scope="col">What would change</th>
                </tr>
              </thead>
              <tbody>
                {valid.slice(0, IMPORT_PREVIEW_LIMIT).map((r) => (
                  <tr key={r.line}>
                    <td>{r.line}</td>
                    <td>{r.name}</td>
                    <td>{r.gmcNumber}</td>
                    <td>{IMPORT_STATUS_LABEL[r.status]}</td>
                    <td className="cell-wrap">{r.changes?.length ? <ChangeList changes={r.changes} /> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {valid.length > IMPORT_PREVIEW_LIMIT ? (
            <p className="muted">
              Showing the first {IMPORT_PREVIEW_LIMIT} of {valid.length}.
            </p>
          ) : null}
        </section>
      ) : null}

      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={toWrite === 0 || preview.unmappedRequired.length > 0}
          onClick={() => onCommit([...confirmed])}
        >
          {toWrite === 0 ? 'Nothing to import' : `Import ${plural(toWrite, 'trainee')}`}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
