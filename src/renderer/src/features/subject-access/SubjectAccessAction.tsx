import { useState } from 'react';
import { WITHHOLDING_NOTE } from '../../../../shared/subject-access';
import { displayName, type Trainee } from '../../../../shared/trainees/trainee-schema';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { saveExportedFile } from '../../lib/download';
import { useSubjectAccessReview } from './queries';

/**
 * "Everything held about this trainee…": a subject access request. The review lists every record
 * type with its count before anything is saved; the PDF and the ZIP are made in main and logged.
 */
export function SubjectAccessAction({ trainee }: { trainee: Trainee }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Everything held about this trainee…
      </button>
      {open ? <SubjectAccessDialog trainee={trainee} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function SubjectAccessDialog({ trainee, onClose }: { trainee: Trainee; onClose(): void }) {
  const api = useApi();
  const review = useSubjectAccessReview(trainee.id, true);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const name = displayName(trainee);

  const save = async (format: 'pdf' | 'zip') => {
    setBusy(true);
    setStatus(format === 'pdf' ? 'Preparing the PDF…' : 'Preparing the ZIP…');
    try {
      const file =
        format === 'pdf'
          ? await api.subjectAccess.pdf({ traineeId: trainee.id })
          : await api.subjectAccess.zip({ traineeId: trainee.id });
      saveExportedFile(file);
      setStatus(`${file.fileName} saved; the export log records it.`);
    } catch (e) {
      setStatus(e instanceof ApiError ? e.message : 'The file could not be made; please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={`Everything held about ${name}`}
      description="For a subject access request: review what is held, then save it as one readable PDF or as a ZIP of data files."
      wide
    >
      <div className="stack">
        {review.isLoading ? <p role="status">Gathering every record…</p> : null}
        {review.isError ? <div className="alert alert-error">The records could not be gathered.</div> : null}
        {review.data ? (
          <>
            <table className="data-table" aria-label="What is held">
              <thead>
                <tr>
                  <th scope="col">Record type</th>
                  <th scope="col">Records</th>
                </tr>
              </thead>
              <tbody>
                {review.data.sections.map((section) => (
                  <tr key={section.key}>
                    <th scope="row">
                      {section.title}
                      <span className="muted"> — {section.about}</span>
                    </th>
                    <td>{section.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              {review.data.total} records in {review.data.sections.length} record types.
            </p>
            <div className="alert" role="note">
              {WITHHOLDING_NOTE}
            </div>
            <div className="button-row">
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void save('pdf')}>
                Save PDF
              </button>
              <button type="button" className="button" disabled={busy} onClick={() => void save('zip')}>
                Save ZIP
              </button>
              <span role="status" className="muted">
                {status}
              </span>
            </div>
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
