import type { ColumnFiltersState, SortingState, VisibilityState } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ukToday } from '../../../../shared/dates';
import { registerName, type TraineeFields, type TraineeRow } from '../../../../shared/trainees/trainee-schema';
import { useApi } from '../../api';
import { useCommandListener } from '../../lib/command-events';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { useToast } from '../../components/Toasts';
import { toCsv } from '../../../../shared/csv';
import { downloadText } from '../../lib/download';
import { useLogExport } from '../export-log';
import { ImportTraineesDialog } from './ImportTraineesDialog';
import { useSettings, useUpdateSettings } from '../settings';
import { useRegisterRows } from './queries';
import { DEFAULT_HIDDEN } from './trainee-columns';
import { TraineeForm } from './TraineeForm';
import { ColumnPicker, TraineeTable, useTraineeTable } from './TraineeTable';
import { RegisterStartActions } from './RegisterStartActions';
import { HandOverDialog, ImportHandoverDialog, importedSummary } from '../handover';

const TABLE_ID = 'trainees';

export function TraineesPage({ dialog }: { dialog?: 'new' | 'import' }) {
  const api = useApi();
  const [, navigate] = useLocation();
  const { notify } = useToast();
  const logExport = useLogExport();
  const [showArchived, setShowArchived] = useState(false);
  const [handover, setHandover] = useState<'give' | 'receive' | null>(null);
  const { all: trainees, rows, complete } = useRegisterRows(showArchived);
  const settings = useSettings();
  const updateSettings = useUpdateSettings();

  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [globalFilter, setGlobalFilter] = useState('');
  const columnVisibility: VisibilityState = { ...DEFAULT_HIDDEN, ...settings.data?.tableColumns[TABLE_ID] };

  const data = useMemo(() => rows ?? [], [rows]);
  const table = useTraineeTable(data, { sorting, columnFilters, globalFilter, columnVisibility }, (update) => {
    if (update.sorting) setSorting(update.sorting);
    if (update.columnFilters) setColumnFilters(update.columnFilters);
    if (update.globalFilter !== undefined) setGlobalFilter(update.globalFilter);
    if (update.columnVisibility && settings.data) {
      updateSettings.mutate({ tableColumns: { ...settings.data.tableColumns, [TABLE_ID]: update.columnVisibility } });
    }
  });

  const exportView = useCallback(() => {
    if (!complete) return;
    const columns = table.getVisibleLeafColumns();
    const rows = table.getRowModel().rows.map((row) =>
      columns.map((c) => {
        const exportValue = c.columnDef.meta?.exportValue;
        return exportValue ? exportValue(row.original) : String(row.getValue(c.id) ?? '');
      }),
    );
    downloadText(
      `trainees-${ukToday()}.csv`,
      toCsv(
        columns.map((c) => String(c.columnDef.header)),
        rows,
      ),
      'text/csv;charset=utf-8',
    );
    logExport(
      'csv',
      table.getRowModel().rows.map((row) => row.original.id),
      'Trainee register CSV',
    );
    notify(`Exported ${rows.length} trainees to CSV`);
  }, [complete, table, notify, logExport]);
  useCommandListener('export-view', exportView);

  const closeDialog = () => navigate('/trainees');
  const create = async (fields: TraineeFields) => {
    const created = await api.trainees.create(fields);
    notify(`${created.givenName} ${created.familyName} added`);
    navigate(`/trainees/${created.id}`);
  };

  // The form's suggestions, only while it is open: two passes over every row otherwise spent on each new list.
  const adding = dialog === 'new';
  const programmes = useMemo(() => (adding ? [...new Set(data.map((t) => t.programme))].sort() : []), [adding, data]);
  const supervisors = useMemo(
    () =>
      adding
        ? [...new Set(data.map((t) => t.educationalSupervisor).filter((s): s is string => Boolean(s)))].sort()
        : [],
    [adding, data],
  );
  const shown = table.getRowModel().rows.length;
  /** The register's own choice of trainees: whatever the search and column filters show. */
  const shownTrainees = () =>
    table.getRowModel().rows.map(({ original: t }) => ({
      id: t.id,
      name: `${t.preferredName || t.givenName} ${t.familyName}`,
    }));
  const isEmpty = trainees.isSuccess && data.length === 0 && !showArchived;

  return (
    <div className="page page-fill">
      <div className="page-header">
        <h1>Trainees</h1>
        <div className="button-row">
          <button type="button" className="button" onClick={() => navigate('/trainees/import')}>
            Import CSV…
          </button>
          <button type="button" className="button" onClick={() => setHandover('receive')}>
            Import a handover…
          </button>
          <button type="button" className="button button-primary" onClick={() => navigate('/trainees/new')}>
            Add trainee
          </button>
        </div>
      </div>

      {trainees.isError ? (
        <div className="alert alert-error" role="alert">
          {trainees.error.message}
        </div>
      ) : null}

      <UnreadableRecords rows={data} />

      {isEmpty ? (
        <EmptyState title="No trainees yet" actions={<RegisterStartActions />}>
          <p>
            Import the trainee list your scheme sends you (a CSV saved from Excel works), add trainees one by one, or
            explore with synthetic demo data.
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="toolbar" role="toolbar" aria-label="Table tools">
            <label className="search">
              <span className="visually-hidden">Search trainees</span>
              <input
                type="search"
                placeholder="Search by name, GMC number, programme or supervisor"
                value={globalFilter}
                onChange={(e) => setGlobalFilter(e.target.value)}
              />
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show
              archived
            </label>
            <span className="toolbar-count" aria-live="polite">
              {!complete
                ? 'Loading…'
                : `${shown.toLocaleString('en-GB')} of ${data.length.toLocaleString('en-GB')} trainees`}
            </span>
            <ColumnPicker table={table} />
            {/* Until every row is in, the table shows only the first screen: nothing to export or hand over. */}
            <button type="button" className="button" disabled={!complete} onClick={exportView}>
              Export CSV
            </button>
            <button
              type="button"
              className="button"
              disabled={!complete || shown === 0}
              onClick={() => setHandover('give')}
              title="Hands over the trainees the search and filters show"
            >
              Hand over shown trainees…
            </button>
          </div>
          <TraineeTable table={table} onOpen={(id) => navigate(`/trainees/${id}`)} />
        </>
      )}

      <Dialog open={dialog === 'new'} onOpenChange={(open) => !open && closeDialog()} title="Add a trainee" wide>
        <TraineeForm programmes={programmes} supervisors={supervisors} onSubmit={create} onCancel={closeDialog} />
      </Dialog>
      <ImportTraineesDialog open={dialog === 'import'} onClose={closeDialog} />
      <HandOverDialog
        open={handover === 'give'}
        onOpenChange={(open) => setHandover(open ? 'give' : null)}
        trainees={handover === 'give' ? shownTrainees() : []}
      />
      <ImportHandoverDialog
        open={handover === 'receive'}
        onOpenChange={(open) => setHandover(open ? 'receive' : null)}
        onImported={(outcome) => {
          setHandover(null);
          notify(importedSummary(outcome));
        }}
      />
    </div>
  );
}

/** Records the app could not read in full, named with what is wrong, so each can be opened and put right. */
function UnreadableRecords({ rows }: { rows: readonly TraineeRow[] }) {
  const unreadable = useMemo(() => rows.filter((r) => r.unreadable), [rows]);
  if (unreadable.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p>
        {unreadable.length === 1 ? 'One record' : `${unreadable.length} records`} could not be read in full. Open{' '}
        {unreadable.length === 1 ? 'it' : 'each'}, edit and save to put it right:
      </p>
      <ul>
        {unreadable.slice(0, 20).map((r) => (
          <li key={r.id}>
            <Link href={`/trainees/${r.id}`}>{registerName(r)}</Link> ({r.gmcNumber}): {r.unreadable!.join('; ')}
          </li>
        ))}
      </ul>
    </div>
  );
}
