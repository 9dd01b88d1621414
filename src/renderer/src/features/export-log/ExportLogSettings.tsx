import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { formatUkDateTime, parseUkDate, ukToday } from '../../../../shared/dates';
import {
  describeTrainees,
  EXPORT_KINDS,
  UNKNOWN_DESTINATION,
  type ExportLogEntry,
} from '../../../../shared/export-log';
import { ApiError, useApi } from '../../api';
import { DATE_INPUT } from '../../components/date-input';
import { EmptyState } from '../../components/EmptyState';
import { Select } from '../../components/Select';
import { useToast } from '../../components/Toasts';
import { saveExportedFile } from '../../lib/download';
import { useExportLog } from './queries';
import { SortableHeaderRows } from '../../components/SortableHeaderRows';

interface DateRange {
  from: string | null;
  to: string | null;
}

const SHOWN_NAMES = 3;

const COLUMNS: ColumnDef<ExportLogEntry>[] = [
  {
    id: 'when',
    header: 'When',
    accessorFn: (e) => e.at,
    cell: ({ row }) => formatUkDateTime(row.original.at),
    filterFn: (row, _id, range: DateRange) => {
      const day = ukToday(new Date(row.original.at));
      return (!range.from || day >= range.from) && (!range.to || day <= range.to);
    },
  },
  {
    id: 'kind',
    header: 'Kind',
    accessorFn: (e) => e.kind,
    cell: ({ row }) => EXPORT_KINDS.label(row.original.kind),
    filterFn: 'equals',
  },
  {
    id: 'trainees',
    header: 'Trainees',
    // A register CSV can name thousands: the cell shows a few, the filter searches them all.
    accessorFn: (e) => describeTrainees(e.trainees, SHOWN_NAMES),
    filterFn: (row, _id, text: string) =>
      describeTrainees(row.original.trainees).toLowerCase().includes(text.trim().toLowerCase()),
  },
  { id: 'description', header: 'Description', accessorFn: (e) => e.description },
  { id: 'destination', header: 'Destination', accessorFn: (e) => e.destination ?? UNKNOWN_DESTINATION },
];

/** Settings → Export log: every time data left the app, newest first, with filters and a CSV of the log itself. */
export function ExportLogSettings() {
  const api = useApi();
  const { notify } = useToast();
  const log = useExportLog();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'when', desc: true }]);
  const [kind, setKind] = useState('');
  const [trainee, setTrainee] = useState('');
  const [fromText, setFromText] = useState('');
  const [toText, setToText] = useState('');
  const [busy, setBusy] = useState(false);
  const from = fromText.trim() ? parseUkDate(fromText.trim()) : null;
  const to = toText.trim() ? parseUkDate(toText.trim()) : null;
  const badDate = (fromText.trim() && !from) || (toText.trim() && !to);

  const columnFilters = useMemo(
    () => [
      ...(kind ? [{ id: 'kind', value: kind }] : []),
      ...(trainee.trim() ? [{ id: 'trainees', value: trainee }] : []),
      ...(from || to ? [{ id: 'when', value: { from, to } satisfies DateRange }] : []),
    ],
    [kind, trainee, from, to],
  );
  const data = useMemo(() => log.data ?? [], [log.data]);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table returns fresh functions each render by design.
  const table = useReactTable({
    data,
    columns: COLUMNS,
    state: { sorting, columnFilters },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const rows = table.getRowModel().rows;

  const exportCsv = async () => {
    setBusy(true);
    try {
      saveExportedFile(await api.exportLog.csv());
      notify('Export log saved as CSV (and that export is logged too)');
    } catch (e) {
      notify(e instanceof ApiError ? e.message : 'The export log could not be saved; please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="export-log-heading">
      <h2 id="export-log-heading">Export log</h2>
      <p className="muted">
        Every time data leaves the app — a PDF, Word file, CSV, copy to the clipboard, calendar file, ARCP pack, backup,
        return or subject access response — with who it was about and where it went. Never the content itself.
      </p>
      {log.isLoading ? <p role="status">Loading…</p> : null}
      {log.isError ? <div className="alert alert-error">The export log could not be loaded.</div> : null}
      {log.data && log.data.length === 0 ? (
        <EmptyState title="Nothing exported yet">
          <p>Each PDF, CSV, copy or backup made from now on is listed here.</p>
        </EmptyState>
      ) : null}
      {log.data && log.data.length > 0 ? (
        <>
          <div className="toolbar" role="group" aria-label="Filter the export log">
            <label className="checkbox">
              Kind
              <Select
                aria-label="Filter by kind"
                value={kind}
                onChange={(e) => setKind(e.target.value)}
                placeholder="All kinds"
                options={EXPORT_KINDS.options}
              />
            </label>
            <label className="search">
              <span className="visually-hidden">Filter by trainee</span>
              <input
                type="search"
                placeholder="Filter by trainee"
                aria-label="Filter by trainee"
                value={trainee}
                onChange={(e) => setTrainee(e.target.value)}
              />
            </label>
            <label className="checkbox">
              From
              <input
                {...DATE_INPUT}
                aria-label="From date"
                value={fromText}
                onChange={(e) => setFromText(e.target.value)}
              />
            </label>
            <label className="checkbox">
              To
              <input {...DATE_INPUT} aria-label="To date" value={toText} onChange={(e) => setToText(e.target.value)} />
            </label>
            <button type="button" className="button" disabled={busy} onClick={() => void exportCsv()}>
              Export as CSV
            </button>
            <span className="toolbar-count" role="status">
              {rows.length} of {data.length} shown
            </span>
          </div>
          {badDate ? <p className="field-error">Type dates as dd/mm/yyyy, e.g. 07/08/2026.</p> : null}
          <div className="table-scroll">
            <table className="data-table" aria-label="Export log">
              <thead>
                <SortableHeaderRows table={table} />
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length === 0 ? <p className="table-empty">No exports match these filters.</p> : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
