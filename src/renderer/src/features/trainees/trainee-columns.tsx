import type { ColumnDef } from '@tanstack/react-table';
import { Link } from 'wouter';
import { formatUkDate } from '../../../../shared/dates';
import { TRAINEE_STATUSES } from '../../../../shared/trainees/reference';
import {
  compareRegisterNameKeys,
  registerName,
  registerNameKey,
  type TraineeRow,
} from '../../../../shared/trainees/trainee-schema';

/** How a column is filtered: free text, or a choice among the values present. */
export type FilterKind = 'text' | 'choice';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    filter?: FilterKind;
    /** The text written to CSV exports and used for filtering. */
    exportValue?: (row: TData) => string;
  }
}

const text = (value: string | null) => value ?? '';

// Folded once per row: sorting 10,000 rows compares about 130,000 pairs.
const nameKeys = new WeakMap<TraineeRow, string>();
function nameKey(t: TraineeRow): string {
  let key = nameKeys.get(t);
  if (key === undefined) nameKeys.set(t, (key = registerNameKey(t)));
  return key;
}

export const traineeColumns: ColumnDef<TraineeRow>[] = [
  {
    id: 'name',
    header: 'Name',
    accessorFn: registerName,
    // Named rather than detected, so the first page (`trainees:list-first`) is cut in the same order.
    sortingFn: (a, b) => compareRegisterNameKeys(nameKey(a.original), nameKey(b.original)),
    cell: ({ row, getValue }) => (
      <>
        <Link href={`/trainees/${row.original.id}`} tabIndex={-1} className="table-link">
          {getValue<string>()}
        </Link>
        {row.original.archivedAt ? <span className="badge">Archived</span> : null}
      </>
    ),
    meta: { filter: 'text' },
    enableHiding: false,
  },
  { id: 'gmcNumber', header: 'GMC number', accessorKey: 'gmcNumber', meta: { filter: 'text' } },
  {
    id: 'programme',
    header: 'Programme',
    accessorKey: 'programme',
    filterFn: 'equalsString',
    meta: { filter: 'choice' },
  },
  { id: 'grade', header: 'Grade', accessorKey: 'grade', filterFn: 'equalsString', meta: { filter: 'choice' } },
  {
    id: 'status',
    header: 'Status',
    accessorFn: (t) => TRAINEE_STATUSES.label(t.status),
    filterFn: 'equalsString',
    meta: { filter: 'choice' },
  },
  {
    id: 'educationalSupervisor',
    header: 'Educational supervisor',
    accessorFn: (t) => text(t.educationalSupervisor),
    filterFn: 'equalsString',
    meta: { filter: 'choice' },
  },
  { id: 'currentPost', header: 'Current post', accessorFn: (t) => text(t.currentPost), meta: { filter: 'text' } },
  {
    id: 'wte',
    header: 'WTE',
    accessorKey: 'wte',
    cell: ({ getValue }) => `${Math.round(getValue<number>() * 100)}%`,
    enableColumnFilter: false,
    meta: { exportValue: (t) => String(t.wte) },
  },
  {
    id: 'programmeStartDate',
    header: 'Start date',
    accessorKey: 'programmeStartDate',
    cell: ({ getValue }) => formatUkDate(getValue<string>()),
    enableColumnFilter: false,
    meta: { exportValue: (t) => formatUkDate(t.programmeStartDate) },
  },
  {
    id: 'expectedCctDate',
    header: 'Expected CCT',
    accessorFn: (t) => t.expectedCctDate ?? '',
    cell: ({ getValue }) => formatUkDate(getValue<string>()),
    enableColumnFilter: false,
    meta: { exportValue: (t) => formatUkDate(t.expectedCctDate) },
  },
  { id: 'email', header: 'Email', accessorFn: (t) => text(t.email), meta: { filter: 'text' } },
  { id: 'tags', header: 'Tags', accessorFn: (t) => t.tags.join('; '), meta: { filter: 'text' } },
];

/** Columns hidden until the user shows them. */
export const DEFAULT_HIDDEN = { email: false, tags: false, expectedCctDate: false } as const;
