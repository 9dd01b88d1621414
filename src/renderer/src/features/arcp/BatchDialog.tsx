import { useEffect, useState } from 'react';
import type { ProgressEvent } from '../../../../shared/contract';
import type { ArcpPanel, BatchOutcome } from '../../../../shared/arcp/arcp-schema';
import { ApiError, useClient } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { ProgressBar } from '../../components/ProgressBar';
import { useExportTarget } from './queries';

type Step = { name: 'choose' } | { name: 'running'; jobId: string } | { name: 'done'; outcome: BatchOutcome };

/**
 * Generates every pack of a panel into a folder: under Electron chosen in the system's folder
 * dialog, in the browser host typed (or given with --exports). Progress shows per trainee; Cancel
 * stops between trainees and keeps what was done.
 */
export function BatchDialog({ panel, open, onClose }: { panel: ArcpPanel; open: boolean; onClose(): void }) {
  const { api, on } = useClient();
  const target = useExportTarget();
  const [folder, setFolder] = useState('');
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [folderError, setFolderError] = useState<string | undefined>(undefined);
  const runningJob = step.name === 'running' ? step.jobId : null;

  useEffect(
    () => (runningJob ? on('progress', (p) => p.jobId === runningJob && setProgress(p)) : undefined),
    [on, runningJob],
  );
  const shownFolder = folder || target.data?.defaultFolder || '';

  const choose = async () => {
    const { folder: picked } = await api.arcp.chooseFolder({});
    if (picked) setFolder(picked);
  };

  const start = async () => {
    setError(null);
    setFolderError(undefined);
    const jobId = crypto.randomUUID();
    setProgress({ jobId, phase: 'Generating ARCP packs', done: 0, total: panel.traineeCount });
    setStep({ name: 'running', jobId });
    try {
      const outcome = await api.arcp.batch({ panelId: panel.id, folder: shownFolder, jobId });
      setStep({ name: 'done', outcome });
    } catch (e) {
      const apiError = e instanceof ApiError ? e : null;
      setFolderError(apiError?.fields.folder);
      setError(apiError ? apiError.message : 'The packs could not be generated.');
      setStep({ name: 'choose' });
    }
  };

  const close = () => {
    if (step.name === 'running') return;
    setStep({ name: 'choose' });
    setProgress(null);
    setError(null);
    onClose();
  };

  return (
    <Dialog open={open} onOpenChange={(o) => !o && close()} title={`Generate ARCP packs: ${panel.name}`} wide>
      <FormError message={error} />
      {step.name === 'choose' ? (
        <div className="stack">
          <p>
            One PDF pack per trainee ({panel.traineeCount.toLocaleString('en-GB')}) and an index (CSV) listing each
            trainee and their gaps go into a new folder inside the folder you choose. Existing files are never
            overwritten.
          </p>
          {target.data?.canBrowse ? (
            <div className="button-row">
              <button type="button" className="button" onClick={() => void choose()}>
                Choose folder…
              </button>
              <span className="mono">{shownFolder || 'No folder chosen'}</span>
            </div>
          ) : (
            <Field
              label="Folder for the packs"
              hint="The full path of a folder on this computer, e.g. /home/you/ARCP"
              error={folderError}
            >
              <input
                value={shownFolder}
                onChange={(e) => setFolder(e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            </Field>
          )}
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              disabled={!shownFolder.trim()}
              onClick={() => void start()}
            >
              Generate {panel.traineeCount.toLocaleString('en-GB')} packs
            </button>
            <button type="button" className="button" onClick={close}>
              Close
            </button>
          </div>
        </div>
      ) : null}
      {step.name === 'running' ? (
        <div className="stack">
          <ProgressBar
            label={progress?.phase ?? 'Generating ARCP packs'}
            done={progress?.done ?? 0}
            total={progress?.total ?? panel.traineeCount}
          />
          <div className="button-row">
            <button type="button" className="button" onClick={() => void api.arcp.cancelBatch({ jobId: step.jobId })}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {step.name === 'done' ? <BatchResult outcome={step.outcome} onClose={close} /> : null}
    </Dialog>
  );
}

function BatchResult({ outcome, onClose }: { outcome: BatchOutcome; onClose(): void }) {
  return (
    <div className="stack">
      <div className={outcome.failed.length > 0 || outcome.cancelled ? 'alert' : 'alert alert-success'} role="status">
        <strong>
          {outcome.written.length} pack{outcome.written.length === 1 ? '' : 's'} written
          {outcome.failed.length > 0 ? `, ${outcome.failed.length} failed` : ''}
          {outcome.cancelled ? '; cancelled before the rest' : ''}.
        </strong>{' '}
        Folder: <span className="mono">{outcome.folder}</span>
        {outcome.indexFile ? (
          <>
            {' '}
            · Index: <span className="mono">{outcome.indexFile}</span>
          </>
        ) : null}
      </div>
      {outcome.failed.length > 0 ? (
        <section aria-label="Packs not generated">
          <h3>Not generated</h3>
          <ul>
            {outcome.failed.map((f) => (
              <li key={f.traineeName}>
                <strong>{f.traineeName}</strong>: {f.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
