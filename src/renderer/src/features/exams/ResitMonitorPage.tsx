import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type Row,
  type SortingState,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { formatLongDate, formatUkDate, ukToday } from '../../../../shared/dates';
import { EXAM_RESULTS, READINESS_DECISIONS } from '../../../../shared/exams/exam-reference';
import { MONITOR_WARNING_LABELS, type MonitorRow, type MonitorTraineeTime } from '../../../../shared/exams/exam-types';
import { EmptyState } from '../../components/EmptyState';
import { Select, plainOptions } from '../../components/Select';
import { useCommandListener } from '../../lib/command-events';
import { toCsv } from '../../../../shared/csv';
import { downloadText } from '../../lib/download';
import { useLogExport } from '../export-log';
import { ExamRulesDialog } from './ExamRulesDialog';
import { ImportResultsDialog } from './ImportResultsDialog';
import { useMonitorTime, useResitMonitor } from './queries';
import { SortableHeaderRows } from '../../components/SortableHeaderRows';

/** A monitor row with its trainee's extension time and after-training attempt (read apart, joined here). */
type MonitorLine = MonitorRow & { time: MonitorTraineeTime | undefined };

interface MonitorColumn {
  id: string;
  header: string;
  /** The text a person reads, also what the CSV export writes. */
  text: (r: MonitorLine) => string;
  /** Sort by this instead of the text (dates, numbers). */
  sortValue?: (r: MonitorLine) => string | number;
  cell?: (r: MonitorLine) => React.ReactNode;
}

const COLUMNS: MonitorColumn[] = [
  {
    id: 'trainee',
    header: 'Trainee',
    text: (r) => r.traineeName,
    cell: (r) => (
      <Link href={`/trainees/${r.traineeId}/exams`} className="table-link">
        {r.traineeName}
      </Link>
    ),
  },
  { id: 'exam', header: 'Exam', text: (r) => r.examCode },
  {
    id: 'warnings',
    header: 'Warnings',
    text: (r) => r.warnings.map((w) => MONITOR_WARNING_LABELS[w]).join('; '),
    sortValue: (r) => r.warnings.length,
    cell: (r) =>
      r.warnings.length === 0 ? (
        ''
      ) : (
        <ul className="warning-list">
          {r.warnings.map((w) => (
            <li key={w}>
              <span aria-hidden="true">⚠ </span>
              {MONITOR_WARNING_LABELS[w]}
            </li>
          ))}
        </ul>
      ),
  },
  {
    id: 'attempts',
    header: 'Attempts used / left',
    text: (r) => r.attemptsText,
    sortValue: (r) => r.attemptsLeft + r.exceptionalLeft,
  },
  {
    id: 'last',
    header: 'Last result',
    text: (r) => `${EXAM_RESULTS.label(r.lastResult)} ${formatUkDate(r.lastSittingDate)}`,
    sortValue: (r) => r.lastSittingDate,
  },
  { id: 'weakest', header: 'Weakest area', text: (r) => r.weakestArea ?? '' },
  {
    id: 'days',
    header: 'Days since fail',
    text: (r) => (r.daysSinceFail === null ? '' : String(r.daysSinceFail)),
    sortValue: (r) => r.daysSinceFail ?? -1,
  },
  {
    id: 'next',
    header: 'Next sitting',
    text: (r) => formatUkDate(r.nextSittingDate),
    sortValue: (r) => r.nextSittingDate ?? '9999',
  },
  {
    id: 'deadline',
    header: 'Book by',
    text: (r) => formatUkDate(r.bookingDeadline),
    sortValue: (r) => r.bookingDeadline ?? '9999',
  },
  {
    id: 'postFail',
    header: 'Post-fail conversation',
    text: (r) => (r.postFailDone ? 'Done' : r.lastResult === 'fail' ? 'Not yet' : ''),
  },
  {
    id: 'support',
    header: 'Support tier / taken up',
    text: (r) => (r.supportTier ? `${r.supportTier} (${r.supportAccepted} of ${r.supportOffered} accepted)` : ''),
  },
  {
    id: 'readiness',
    header: 'Readiness to sit',
    text: (r) => (r.readinessDecision ? READINESS_DECISIONS.label(r.readinessDecision) : 'Not discussed'),
  },
  {
    id: 'extension',
    header: 'Extension used / left',
    text: (r) => (r.time?.hasExtension ? r.time.extensionText : 'None'),
  },
  { id: 'afterTraining', header: 'After training', text: (r) => r.time?.afterTrainingText ?? '' },
  { id: 'owner', header: 'Owner', text: (r) => r.owner ?? '' },
  { id: 'gmc', header: 'GMC number', text: (r) => r.gmcNumber },
];

const columnDefs: Array<ColumnDef<MonitorLine>> = COLUMNS.map((c) => ({
  id: c.id,
  header: c.header,
  accessorFn: (r) => (c.sortValue ? c.sortValue(r) : c.text(r).toLowerCase()),
  cell: ({ row }) => (c.cell ? c.cell(row.original) : c.text(row.original) || '—'),
  filterFn: c.id === 'exam' ? (row, _id, value: string) => row.original.examCode === value : 'includesString',
  sortUndefined: 'last',
  // The first click always sorts ascending, for numbers and dates as for text.
  sortDescFirst: false,
}));

function MonitorTable({ rows, grouped }: { rows: Array<Row<MonitorLine>>; grouped: boolean }) {
  const groups = grouped
    ? [...new Set(rows.map((r) => r.original.examCode))]
        .sort()
        .map((code) => ({ code, rows: rows.filter((r) => r.original.examCode === code) }))
    : [{ code: '', rows }];
  return (
    <tbody>
      {groups.map((g) => [
        ...(grouped
          ? [
              <tr key={`group-${g.code}`} className="group-row">
                <th scope="rowgroup" colSpan={COLUMNS.length}>
                  {g.code} ({g.rows.length})
                </th>
              </tr>,
            ]
          : []),
        ...g.rows.map((row) => (
          <tr key={row.id} className={row.original.warnings.length > 0 ? 'row-warning' : undefined}>
            {row.getVisibleCells().map((cell) => (
              <td
                key={cell.id}
                className={
                  ['warnings', 'weakest', 'support', 'extension', 'afterTraining'].includes(cell.column.id)
                    ? 'cell-wrap'
                    : undefined
                }
              >
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </td>
            ))}
          </tr>
        )),
      ])}
    </tbody>
  );
}

/** The exam TPD's screen: everyone with a failed or pending attempt, what has been done and what is overdue. */
export function ResitMonitorPage({ dialog }: { dialog?: 'import' | 'rules' }) {
  const logExport = useLogExport();
  const monitor = useResitMonitor();
  const time = useMonitorTime();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filters, setFilters] = useState<ColumnFiltersState>([]);
  const [search, setSearch] = useState('');
  const [warningsOnly, setWarningsOnly] = useState(false);
  const [grouped, setGrouped] = useState(false);
  const [open, setOpen] = useState<'import' | 'rules' | null>(dialog ?? null);
  const data = useMemo(() => {
    const byTrainee = new Map((time.data ?? []).map((t) => [t.traineeId, t]));
    return (monitor.data ?? [])
      .filter((r) => !warningsOnly || r.warnings.length > 0)
      .map((r): MonitorLine => ({ ...r, time: byTrainee.get(r.traineeId) }));
  }, [monitor.data, time.data, warningsOnly]);
  const exams = useMemo(() => [...new Set((monitor.data ?? []).map((r) => r.examCode))].sort(), [monitor.data]);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table returns fresh functions each render by design.
  const table = useReactTable({
    data,
    columns: columnDefs,
    state: { sorting, columnFilters: filters, globalFilter: search },
    onSortingChange: setSorting,
    onColumnFiltersChange: setFilters,
    onGlobalFilterChange: setSearch,
    globalFilterFn: (row, _id, value: string) => {
      const q = value.trim().toLowerCase();
      return !q || row.original.traineeName.toLowerCase().includes(q) || row.original.gmcNumber.includes(q);
    },
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const rows = table.getRowModel().rows;
  const examFilter = (table.getColumn('exam')?.getFilterValue() as string | undefined) ?? '';

  const exportCsv = () => {
    const csv = toCsv(
      COLUMNS.map((c) => c.header),
      rows.map((r) => COLUMNS.map((c) => c.text(r.original))),
    );
    downloadText(`resit-monitor-${ukToday()}.csv`, csv, 'text/csv;charset=utf-8');
    logExport(
      'csv',
      rows.map((r) => r.original.traineeId),
      'Re-sit monitor CSV',
    );
  };

  // The menu's "Export view" (Ctrl+E) exports what the table shows.
  useCommandListener('export-view', exportCsv);
  const total = monitor.data?.length ?? 0;
  return (
    <div className="page page-wide">
      <div className="page-header">
        <div>
          <h1>Re-sit monitor</h1>
          <p className="muted">Every trainee whose latest attempt at an exam is a fail or awaiting its result.</p>
        </div>
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={() => setOpen('import')}>
            Import exam results
          </button>
          <button type="button" className="button" onClick={() => setOpen('rules')}>
            Exam rules
          </button>
        </div>
      </div>

      {monitor.isLoading ? <p role="status">Loading…</p> : null}
      {monitor.isError ? <div className="alert alert-error">The re-sit monitor could not be loaded.</div> : null}
      {monitor.data && total === 0 ? (
        <EmptyState
          title="No one needs to re-sit"
          actions={
            <button type="button" className="button button-primary" onClick={() => setOpen('import')}>
              Import exam results
            </button>
          }
        >
          <p>Trainees appear here after a failed attempt, or while a result is awaited.</p>
        </EmptyState>
      ) : null}

      {total > 0 ? (
        <>
          <div className="toolbar" role="group" aria-label="Filter the re-sit monitor">
            <label className="search">
              <span className="visually-hidden">Search by name or GMC number</span>
              <input
                type="search"
                placeholder="Search by name or GMC number"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                aria-label="Search by name or GMC number"
              />
            </label>
            <label className="checkbox">
              Exam
              <Select
                aria-label="Filter by exam"
                value={examFilter}
                onChange={(e) => table.getColumn('exam')?.setFilterValue(e.target.value || undefined)}
                placeholder="All exams"
                options={plainOptions(exams)}
              />
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={warningsOnly} onChange={(e) => setWarningsOnly(e.target.checked)} /> Only
              rows with warnings
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} /> Group by exam
            </label>
            <button type="button" className="button" onClick={exportCsv} disabled={rows.length === 0}>
              Export CSV
            </button>
            <span className="toolbar-count" role="status">
              {rows.length} of {total} shown
            </span>
          </div>
          <div className="table-scroll">
            <table className="data-table monitor-table" aria-label="Re-sit monitor">
              <thead>
                <SortableHeaderRows table={table} />
              </thead>
              <MonitorTable rows={rows} grouped={grouped} />
            </table>
            {rows.length === 0 ? <p className="table-empty">No rows match these filters.</p> : null}
          </div>
          <p className="muted">
            Dates as of {formatLongDate(ukToday())}. Warnings: a fail with no post-fail conversation after 4 weeks; a
            last attempt; a booking deadline within 2 weeks with no readiness discussion.
          </p>
        </>
      ) : null}

      {open === 'import' ? <ImportResultsDialog onClose={() => setOpen(null)} /> : null}
      {open === 'rules' ? <ExamRulesDialog onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
