import { useCallback, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { formatLongDate, ukToday } from '../../../../shared/dates';
import type { ReadinessRow } from '../../../../shared/arcp/arcp-schema';
import { ApiError, useApi } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { useToast } from '../../components/Toasts';
import { saveExportedFile } from '../../lib/download';
import { BatchDialog } from './BatchDialog';
import { NewPanelDialog } from './NewPanelDialog';
import { useArcpDeadlines, usePanels, useReadiness } from './queries';
import { ReadinessTable } from './ReadinessTable';
import { TemplatesSection } from './TemplatesSection';

/** Panels: pick one (or create one for a cohort), see each trainee's readiness, generate packs. */
export function ArcpPage({ panelId }: { panelId?: string }) {
  const api = useApi();
  const { notify } = useToast();
  const [, navigate] = useLocation();
  const panels = usePanels();
  const [creating, setCreating] = useState(false);
  const [batchOpen, setBatchOpen] = useState(false);
  const today = ukToday();
  const list = panels.data ?? [];
  const upcoming = [...list].filter((p) => p.panelDate >= today).sort((a, b) => a.panelDate.localeCompare(b.panelDate));
  const selected = list.find((p) => p.id === panelId) ?? upcoming[0] ?? list[0] ?? null;
  const readiness = useReadiness(selected?.id ?? null);
  const overdue = useArcpDeadlines(14);
  const noRecent = (overdue.data ?? []).filter((d) => d.deadline.kind === 'no_recent_arcp');

  const downloadPack = useCallback(
    async (row: ReadinessRow) => {
      try {
        saveExportedFile(await api.arcp.pack({ recordId: row.recordId }));
        notify(`ARCP pack for ${row.traineeName} saved`);
      } catch (e) {
        notify(e instanceof ApiError ? e.message : 'The pack could not be generated.');
      }
    },
    [api, notify],
  );

  const rows = readiness.data?.rows ?? [];
  const withGaps = rows.filter((r) => r.gapCount > 0).length;
  const noFullEsr = rows.filter((r) => r.esr !== 'full').length;
  const overdueCount = rows.filter((r) => r.deadlines.some((d) => d.severity === 'overdue')).length;

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>ARCP panels</h1>
          <p className="muted">Evidence checklists, ESR deadlines and packs for each panel.</p>
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={() => setCreating(true)}>
            New panel
          </button>
          {selected ? (
            <button type="button" className="button button-primary" onClick={() => setBatchOpen(true)}>
              Generate all packs…
            </button>
          ) : null}
        </div>
      </div>

      {panels.isSuccess && list.length === 0 ? (
        <EmptyState
          title="No ARCP panels yet"
          actions={
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              Create a panel
            </button>
          }
        >
          <p>
            Create a panel for a date and a cohort to see who is ready, what evidence is missing, and to generate the
            packs.
          </p>
        </EmptyState>
      ) : null}

      {list.length > 0 ? (
        <div className="toolbar">
          <label className="inline-field">
            Panel{' '}
            <select value={selected?.id ?? ''} onChange={(e) => navigate(`/arcp/${e.target.value}`)}>
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}: {formatLongDate(p.panelDate)} ({p.traineeCount} trainees)
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}

      {selected && readiness.data ? (
        <section aria-labelledby="panel-heading" className="stack">
          <h2 id="panel-heading">
            {selected.name}, {formatLongDate(selected.panelDate)}
          </h2>
          <div className="summary-cards">
            <div className="summary-card">
              <span className="summary-number">{rows.length}</span> trainees
            </div>
            <div className={withGaps > 0 ? 'summary-card summary-card-warning' : 'summary-card'}>
              <span className="summary-number">{withGaps}</span> with evidence gaps
            </div>
            <div className={noFullEsr > 0 ? 'summary-card summary-card-warning' : 'summary-card'}>
              <span className="summary-number">{noFullEsr}</span> without a full ESR
            </div>
            <div className={overdueCount > 0 ? 'summary-card summary-card-warning' : 'summary-card'}>
              <span className="summary-number">{overdueCount}</span> with overdue deadlines
            </div>
          </div>
          {readiness.data.unavailable.length > 0 ? (
            <p className="muted">Not available in this version: {readiness.data.unavailable.join(', ')}.</p>
          ) : null}
          <ReadinessTable rows={rows} panelName={selected.name} onPack={(row) => void downloadPack(row)} />
        </section>
      ) : null}
      {readiness.isLoading && selected ? <p role="status">Loading readiness…</p> : null}
      {readiness.isError ? (
        <div className="alert alert-error" role="alert">
          {readiness.error.message}
        </div>
      ) : null}

      {noRecent.length > 0 ? (
        <section className="card" aria-labelledby="no-recent-heading">
          <h2 id="no-recent-heading">No ARCP in the last 12 months ({noRecent.length})</h2>
          <ul className="columns-list">
            {noRecent.slice(0, 200).map((d) => (
              <li key={d.traineeId}>
                <Link href={`/trainees/${d.traineeId}/arcp`}>{d.traineeName}</Link>:{' '}
                <span className="muted">{d.deadline.message}</span>
              </li>
            ))}
          </ul>
          {noRecent.length > 200 ? <p className="muted">and {noRecent.length - 200} more.</p> : null}
        </section>
      ) : null}

      <TemplatesSection />

      <NewPanelDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(panel) => {
          setCreating(false);
          notify(`Panel “${panel.name}” created with ${panel.traineeCount} trainees`);
          navigate(`/arcp/${panel.id}`);
        }}
      />
      {selected ? (
        <BatchDialog key={selected.id} panel={selected} open={batchOpen} onClose={() => setBatchOpen(false)} />
      ) : null}
    </div>
  );
}
