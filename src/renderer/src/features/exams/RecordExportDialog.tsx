import { useState } from 'react';
import { formatLongDate } from '../../../../shared/dates';
import type { PostFailRecord, ReadinessRecord } from '../../../../shared/exams/exam-types';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { PasteReadySections } from '../../components/PasteReadySections';
import { saveExportedFile } from '../../lib/download';
import { useLogExport } from '../export-log';
import { useRecordExportText } from './queries';

export type ExportTarget =
  { kind: 'postFail'; record: PostFailRecord } | { kind: 'readiness'; record: ReadinessRecord };

/**
 * Export for the e-portfolio: paste-ready sections with copy buttons, and a PDF or Word file.
 * Main builds all three from the shared view, so a private note is never part of them.
 */
export function RecordExportDialog({ target, onClose }: { target: ExportTarget; onClose(): void }) {
  const api = useApi();
  const logExport = useLogExport();
  const { record } = target;
  const text = useRecordExportText(target.kind, record);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const download = async (format: 'pdf' | 'docx') => {
    setBusy(true);
    setStatus(`Preparing the ${format === 'pdf' ? 'PDF' : 'Word document'}…`);
    try {
      const file =
        target.kind === 'postFail'
          ? await api.exams.postFailFile({ id: record.id, format })
          : await api.exams.readinessFile({ id: record.id, format });
      saveExportedFile(file);
      setStatus(`${file.fileName} saved`);
    } catch (e) {
      setStatus(e instanceof ApiError ? e.message : 'The file could not be made; please try again.');
    } finally {
      setBusy(false);
    }
  };

  const title = target.kind === 'postFail' ? 'Export post-fail conversation' : 'Export readiness-to-sit discussion';
  const about =
    target.kind === 'postFail'
      ? `${target.record.examCode} sitting of ${formatLongDate(target.record.sittingDate)}; conversation on ${formatLongDate(target.record.heldOn)}.`
      : `${target.record.examCode}; discussion on ${formatLongDate(target.record.discussedOn)}.`;
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={title}
      description={`${about} Shared sections only: the private note is never included.`}
      wide
    >
      <div className="stack">
        <div className="button-row">
          <button type="button" className="button" disabled={busy} onClick={() => void download('pdf')}>
            Download PDF
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void download('docx')}>
            Download Word document
          </button>
          <span role="status" className="muted">
            {status}
          </span>
        </div>
        {text.isLoading ? <p role="status">Preparing text…</p> : null}
        {text.isError ? <div className="alert alert-error">The text could not be prepared.</div> : null}
        {text.data ? (
          <PasteReadySections
            sections={text.data.sections}
            title="Paste-ready text for the e-portfolio"
            onCopied={(what) =>
              logExport(
                'copy',
                [record.traineeId],
                `${target.kind === 'postFail' ? 'Post-fail' : 'Readiness'} paste-ready text: ${what}`,
              )
            }
          />
        ) : null}
      </div>
    </Dialog>
  );
}
