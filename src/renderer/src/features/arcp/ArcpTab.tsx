import { useState } from 'react';
import { ESR_STATE_LABEL, esrState, outcomeLabel } from '../../../../shared/arcp/arcp-reference';
import type { ArcpRecord, ArcpRecordFields } from '../../../../shared/arcp/arcp-schema';
import { formatLongDate } from '../../../../shared/dates';
import type { Trainee } from '../../../../shared/trainees/trainee-schema';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { HandedOverNote } from '../handover';
import { EmptyState } from '../../components/EmptyState';
import { useToast } from '../../components/Toasts';
import { saveExportedFile } from '../../lib/download';
import { ArcpRecordForm } from './ArcpRecordForm';
import { ChecklistEditor } from './ChecklistEditor';
import { useDeleteArcpRecord } from './mutations';
import { useArcpReference, useTraineeArcp } from './queries';

/** A trainee's ARCPs: deadlines, the current record with its checklist and summary, the pack, and the history. */
export function ArcpTab({ trainee }: { trainee: Trainee }) {
  const api = useApi();
  const { notify } = useToast();
  const arcp = useTraineeArcp(trainee.id);
  const reference = useArcpReference();
  const [editing, setEditing] = useState<ArcpRecord | 'new' | null>(null);
  const [generating, setGenerating] = useState(false);
  const remove = useDeleteArcpRecord();

  if (arcp.isLoading || reference.isLoading) return <p role="status">Loading ARCP records…</p>;
  if (arcp.isError || !arcp.data || !reference.data) {
    return (
      <div className="alert alert-error" role="alert">
        {arcp.error?.message ?? 'ARCP records could not be loaded.'}
      </div>
    );
  }
  const { records, checklists, deadlines } = arcp.data;
  const { codes, templates } = reference.data;
  const current = records.find((r) => r.outcome === null) ?? records[0] ?? null;
  // Same choice as main: the record's template, else the best match for its grade and programme.
  const forGrade = current ? templates.filter((t) => t.grade === current.grade) : [];
  const template = current
    ? (templates.find((t) => t.id === current.templateId) ??
      forGrade.find((t) => trainee.programme.toLowerCase().startsWith(t.specialty.toLowerCase())) ??
      forGrade[0])
    : undefined;

  const save = async (fields: ArcpRecordFields) => {
    if (editing === 'new') await api.arcp.create({ traineeId: trainee.id, fields });
    else if (editing) await api.arcp.update({ id: editing.id, fields });
    notify('ARCP record saved');
    setEditing(null);
  };

  const generatePack = async (record: ArcpRecord) => {
    setGenerating(true);
    try {
      saveExportedFile(await api.arcp.pack({ recordId: record.id }));
      notify('ARCP pack saved');
    } catch (e) {
      notify(e instanceof ApiError ? e.message : 'The pack could not be generated.');
    } finally {
      setGenerating(false);
    }
  };

  return (
    <div className="stack">
      {deadlines.length > 0 ? (
        <ul className="deadline-list" aria-label="ARCP deadlines">
          {deadlines.map((d) => (
            <li key={d.kind + d.date} className={`alert ${d.severity === 'overdue' ? 'alert-error' : ''}`}>
              {d.severity === 'overdue' ? <strong>Overdue: </strong> : null}
              {d.message}
            </li>
          ))}
        </ul>
      ) : null}

      <div className="button-row">
        {current ? (
          <button
            type="button"
            className="button button-primary"
            disabled={generating}
            onClick={() => void generatePack(current)}
          >
            {generating ? 'Generating…' : 'Generate ARCP pack'}
          </button>
        ) : null}
        <button type="button" className="button" onClick={() => setEditing('new')}>
          New ARCP record
        </button>
      </div>

      {!current ? (
        <EmptyState title="No ARCP records yet">
          <p>Add this trainee’s next ARCP here, or create a panel on the ARCP page for their whole cohort.</p>
        </EmptyState>
      ) : (
        <>
          <section className="card stack" aria-labelledby="current-arcp-heading">
            <div className="page-header">
              <h2 id="current-arcp-heading">{current.outcome === null ? 'Next ARCP' : 'Latest ARCP'}</h2>
              <div className="button-row">
                <button type="button" className="button" onClick={() => setEditing(current)}>
                  Edit record
                </button>
                {current.outcome === null ? (
                  <button type="button" className="button" onClick={() => void remove(current)}>
                    Delete record
                  </button>
                ) : null}
              </div>
            </div>
            <dl className="details">
              <div>
                <dt>Panel date</dt>
                <dd>{formatLongDate(current.panelDate)}</dd>
              </div>
              <div>
                <dt>Review period</dt>
                <dd>
                  {formatLongDate(current.reviewFrom)} to {formatLongDate(current.reviewTo)}
                </dd>
              </div>
              <div>
                <dt>Grade and WTE</dt>
                <dd>
                  {current.grade}, {Math.round(current.wte * 100)}%
                </dd>
              </div>
              <div>
                <dt>ESR</dt>
                <dd>
                  {ESR_STATE_LABEL[esrState(current)]}
                  {current.esrFullDate
                    ? ` (full ${formatLongDate(current.esrFullDate)})`
                    : current.esrInterimDate
                      ? ` (interim ${formatLongDate(current.esrInterimDate)})`
                      : ''}
                </dd>
              </div>
              <div>
                <dt>Outcome</dt>
                <dd>
                  {outcomeLabel(current.outcome, codes)}
                  {current.reasonCodes.length > 0 ? ` (${current.reasonCodes.join(', ')})` : ''}
                </dd>
              </div>
            </dl>
            <div>
              <h3>Educator’s summary</h3>
              {current.educatorSummary ? (
                <p className="pre-wrap">{current.educatorSummary}</p>
              ) : (
                <p className="muted">Not written yet. Use “Edit record” to write it; it is printed in the ARCP pack.</p>
              )}
            </div>
          </section>
          {template ? (
            <ChecklistEditor key={`${current.id}:${current.updatedAt}`} record={current} template={template} />
          ) : (
            <p className="alert">No evidence template fits grade {current.grade}: add one on the ARCP page.</p>
          )}
        </>
      )}

      {records.length > 0 ? (
        <section className="card" aria-labelledby="arcp-history-heading">
          <h2 id="arcp-history-heading">ARCP history</h2>
          <table className="data-table" aria-label="ARCP history">
            <thead>
              <tr>
                <th scope="col">Panel</th>
                <th scope="col">Review period</th>
                <th scope="col">Grade</th>
                <th scope="col">WTE</th>
                <th scope="col">Outcome</th>
                <th scope="col">Evidence gaps</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.id}>
                  <td>
                    {formatLongDate(r.panelDate)}
                    <HandedOverNote traineeId={r.traineeId} recordId={r.id} />
                  </td>
                  <td>
                    {formatLongDate(r.reviewFrom)} to {formatLongDate(r.reviewTo)}
                  </td>
                  <td>{r.grade}</td>
                  <td>{Math.round(r.wte * 100)}%</td>
                  <td className="cell-wrap">
                    {outcomeLabel(r.outcome, codes)}
                    {r.reasonCodes.length > 0 ? ` (${r.reasonCodes.join(', ')})` : ''}
                  </td>
                  <td>{checklists[r.id] ? checklists[r.id]!.checklist.gaps.length : '—'}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setEditing(r)}
                      aria-label={`Edit ARCP of ${formatLongDate(r.panelDate)}`}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <Dialog
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        title={editing === 'new' ? 'New ARCP record' : 'Edit ARCP record'}
        wide
      >
        {editing !== null ? (
          <ArcpRecordForm
            record={editing === 'new' ? null : editing}
            trainee={trainee}
            codes={codes}
            templates={templates}
            onSubmit={save}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
    </div>
  );
}
