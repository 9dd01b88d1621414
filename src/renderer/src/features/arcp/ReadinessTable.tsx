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
import { Link } from 'wouter';
import { ESR_STATE_LABEL } from '../../../../shared/arcp/arcp-reference';
import type { ReadinessRow } from '../../../../shared/arcp/arcp-schema';
import { ukToday } from '../../../../shared/dates';
import { toCsv } from '../../../../shared/csv';
import { downloadText } from '../../lib/download';
import { useLogExport } from '../export-log';

const notAvailable = 'Not available';
const count = (n: number | null) => (n === null ? notAvailable : String(n));

export interface ReadinessColumn {
  id: string;
  header: string;
  /** Text for filtering and CSV (and sorting, unless `sort` is given). */
  value: (row: ReadinessRow) => string | number;
  sort?: (row: ReadinessRow) => string | number;
}

const SEVERITY_ORDER = { overdue: 0, due: 1, upcoming: 2, warning: 3 } as const;

export const READINESS_COLUMNS: ReadinessColumn[] = [
  { id: 'trainee', header: 'Trainee', value: (r) => r.sortName },
  { id: 'gmcNumber', header: 'GMC number', value: (r) => r.gmcNumber },
  { id: 'grade', header: 'Grade', value: (r) => r.grade },
  { id: 'wte', header: 'WTE', value: (r) => `${Math.round(r.wte * 100)}%` },
  { id: 'esr', header: 'ESR', value: (r) => ESR_STATE_LABEL[r.esr] },
  { id: 'gapCount', header: 'Evidence gaps', value: (r) => r.gapCount },
  { id: 'gaps', header: 'Gaps', value: (r) => r.gapSummary },
  {
    id: 'deadlines',
    header: 'Deadlines',
    value: (r) => r.deadlines.map((d) => d.message).join('; '),
    // Most pressing first: overdue, then due, by date; none last.
    sort: (r) => r.deadlines.map((d) => `${SEVERITY_ORDER[d.severity]}${d.date}`).sort()[0] ?? '9',
  },
  { id: 'exams', header: 'Exam position', value: (r) => r.examPosition ?? notAvailable },
  { id: 'plp', header: 'Open PLP goals', value: (r) => count(r.openPlpGoals) },
  { id: 'postFail', header: 'Post-fail conversations', value: (r) => count(r.postFailConversations) },
  { id: 'support', header: 'Support received', value: (r) => r.supportReceived ?? notAvailable },
  { id: 'outcome', header: 'Outcome', value: (r) => r.outcome ?? 'Awaiting panel' },
];

/** The first few gaps by name; the CSV and the pack carry the full list. */
function shortGaps(row: ReadinessRow): string {
  const gaps = row.checklist?.gaps ?? [];
  const names = gaps.slice(0, 3).map((g) => g.label);
  return gaps.length > 3 ? `${names.join(', ')} and ${gaps.length - 3} more` : names.join(', ');
}

const HIDDEN_IN_TABLE = new Set(['gmcNumber', 'gaps']);

function cellFor(column: ReadinessColumn, row: ReadinessRow, onPack: (row: ReadinessRow) => void) {
  switch (column.id) {
    case 'trainee':
      return (
        <>
          <Link href={`/trainees/${row.traineeId}/arcp`} className="table-link">
            {row.sortName}
          </Link>
          <div className="muted small">{row.gmcNumber}</div>
          <button
            type="button"
            className="button button-small"
            onClick={() => onPack(row)}
            aria-label={`ARCP pack for ${row.traineeName}`}
          >
            Pack
          </button>
        </>
      );
    case 'gapCount':
      return row.gapCount > 0 ? (
        <>
          <strong className="gap-count">
            ▲ {row.gapCount} gap{row.gapCount === 1 ? '' : 's'}
          </strong>
          <div className="small">{shortGaps(row)}</div>
        </>
      ) : row.checklist ? (
        'None'
      ) : (
        <span className="muted">{row.gapSummary}</span>
      );
    case 'deadlines':
      return row.deadlines.length > 0 ? (
        <ul className="plain-list">
          {row.deadlines.map((d) => (
            <li key={d.kind + d.date} className={d.severity === 'overdue' ? 'deadline-overdue' : undefined}>
              {d.severity === 'overdue' ? <strong>Overdue: </strong> : null}
              {d.message}
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">None</span>
      );
    default:
      return String(column.value(row));
  }
}

/** Every trainee on a panel and how ready they are: sortable, filterable and exportable as CSV. */
export function ReadinessTable({
  rows,
  panelName,
  onPack,
}: {
  rows: ReadinessRow[];
  panelName: string;
  onPack(row: ReadinessRow): void;
}) {
  const logExport = useLogExport();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'gapCount', desc: true }]);
  const [search, setSearch] = useState('');
  const [onlyGaps, setOnlyGaps] = useState(false);
  const [esr, setEsr] = useState('');
  const data = useMemo(
    () => rows.filter((r) => (!onlyGaps || r.gapCount > 0) && (!esr || r.esr === esr)),
    [rows, onlyGaps, esr],
  );
  const columns = useMemo<ColumnDef<ReadinessRow>[]>(
    () =>
      READINESS_COLUMNS.filter((c) => !HIDDEN_IN_TABLE.has(c.id)).map((c) => ({
        id: c.id,
        header: c.header,
        accessorFn: c.sort ?? c.value,
        cell: ({ row }) => cellFor(c, row.original, onPack),
        sortingFn: c.id === 'gapCount' ? 'basic' : 'alphanumeric',
      })),
    [onPack],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table returns fresh functions each render by design.
  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter: search },
    onSortingChange: setSorting,
    onGlobalFilterChange: setSearch,
    globalFilterFn: (row, _id, value: string) =>
      READINESS_COLUMNS.some((c) => String(c.value(row.original)).toLowerCase().includes(value.toLowerCase())),
    getRowId: (r) => r.recordId,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const shown = table.getRowModel().rows;

  const exportCsv = () => {
    const csv = toCsv(
      READINESS_COLUMNS.map((c) => c.header),
      shown.map((r) => READINESS_COLUMNS.map((c) => c.value(r.original))),
    );
    downloadText(
      `arcp-readiness-${panelName.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-${ukToday()}.csv`,
      csv,
      'text/csv;charset=utf-8',
    );
    logExport(
      'csv',
      shown.map((r) => r.original.traineeId),
      'ARCP panel readiness CSV',
    );
  };

  return (
    <div className="stack">
      <div className="toolbar" role="toolbar" aria-label="Readiness tools">
        <label className="search">
          <span className="visually-hidden">Search this panel</span>
          <input
            type="search"
            placeholder="Search this panel"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={onlyGaps} onChange={(e) => setOnlyGaps(e.target.checked)} /> Only trainees
          with gaps
        </label>
        <label className="inline-field">
          ESR{' '}
          <Select
            value={esr}
            onChange={(e) => setEsr(e.target.value)}
            aria-label="Filter by ESR"
            placeholder="Any"
            options={Object.entries(ESR_STATE_LABEL).map(([value, label]) => ({ value, label }))}
          />
        </label>
        <span className="toolbar-count" aria-live="polite">
          {shown.length} of {rows.length} trainees
        </span>
        <button type="button" className="button" onClick={exportCsv}>
          Export CSV
        </button>
      </div>
      <div className="table-scroll readiness-scroll">
        <table className="data-table readiness-table" aria-label="Panel readiness">
          <thead>
            <SortableHeaderRows table={table} />
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.id} className={row.original.gapCount > 0 ? 'row-gaps' : undefined}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="cell-wrap">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <p className="table-empty">No trainees match these filters.</p> : null}
      </div>
    </div>
  );
}
import { Select } from '../../components/Select';
import { SortableHeaderRows } from '../../components/SortableHeaderRows';
