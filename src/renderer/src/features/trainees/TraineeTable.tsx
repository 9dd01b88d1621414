import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type Column,
  type Row,
  type ColumnFiltersState,
  type SortingState,
  type Table,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { matchesEveryWord, queryWords, searchableText } from '../../../../shared/search/word-match';
import type { TraineeRow } from '../../../../shared/trainees/trainee-schema';
import { traineeColumns } from './trainee-columns';

const ROW_HEIGHT = 37;

/**
 * A column's filter. A choice lists the values present in the register (its rows before any
 * filter): not in the task that takes in the whole register, but in the next one (`offerChoices`),
 * or at once when the user reaches for the list.
 */
function ColumnFilter({ column, offerChoices }: { column: Column<TraineeRow, unknown>; offerChoices: boolean }) {
  const [reachedFor, setReachedFor] = useState(false);
  const isChoice = column.getCanFilter() && column.columnDef.meta?.filter === 'choice';
  const facetRows = isChoice && (offerChoices || reachedFor) ? column.getFacetedRowModel().flatRows : undefined;
  const choices = useMemo(() => (facetRows ? valuesPresent(column, facetRows) : undefined), [column, facetRows]);
  const label = `Filter ${String(column.columnDef.header)}`;
  if (!column.getCanFilter()) return null;
  const value = (column.getFilterValue() as string | undefined) ?? '';
  if (isChoice) {
    const options = choices ?? (value ? [value] : []);
    return (
      <select
        aria-label={label}
        value={value}
        onChange={(e) => column.setFilterValue(e.target.value || undefined)}
        onFocus={() => setReachedFor(true)}
        onPointerDown={() => setReachedFor(true)}
        className="filter-input"
      >
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      aria-label={label}
      value={value}
      onChange={(e) => column.setFilterValue(e.target.value || undefined)}
      className="filter-input"
      placeholder="Filter…"
    />
  );
}

/**
 * A column's values among these rows, sorted, blanks left out: its accessor over the plain rows,
 * as TanStack's faceting would, without a cached cell value and a one-value array for each row.
 */
function valuesPresent(column: Column<TraineeRow, unknown>, rows: Row<TraineeRow>[]): string[] {
  const accessor = column.accessorFn!;
  const values = new Set<string>();
  for (const row of rows) values.add(String(accessor(row.original, row.index) ?? ''));
  values.delete('');
  return [...values].sort();
}

export function ColumnPicker({ table }: { table: Table<TraineeRow> }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="button">Columns</DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end">
          {table
            .getAllLeafColumns()
            .filter((c) => c.getCanHide())
            .map((column) => (
              <DropdownMenu.CheckboxItem
                key={column.id}
                className="menu-item"
                checked={column.getIsVisible()}
                onCheckedChange={(checked) => column.toggleVisibility(Boolean(checked))}
                onSelect={(e) => e.preventDefault()}
              >
                <span className="menu-check" aria-hidden="true">
                  {column.getIsVisible() ? '✓' : ''}
                </span>
                {String(column.columnDef.header)}
              </DropdownMenu.CheckboxItem>
            ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

interface TableState {
  sorting: SortingState;
  columnFilters: ColumnFiltersState;
  globalFilter: string;
  columnVisibility: VisibilityState;
}

/** What the register's search box looks in: names, GMC number, programme and supervisor. */
function traineeSearchText(t: TraineeRow): string {
  return searchableText([
    t.givenName,
    t.preferredName,
    t.familyName,
    t.gmcNumber,
    t.programme,
    t.educationalSupervisor,
  ]);
}

export function useTraineeTable(
  data: TraineeRow[],
  state: TableState,
  setState: (update: Partial<TableState>) => void,
) {
  // Folded once per list, not per keystroke: 10,000 rows are tested on every character typed. And
  // only on the first search, not before the first screen (TanStack skips the filter when empty).
  const searchText = useMemo(() => {
    let texts: Map<string, string> | undefined;
    return (id: string) => (texts ??= new Map(data.map((t) => [t.id, traineeSearchText(t)]))).get(id) ?? '';
  }, [data]);
  const words = useMemo(() => queryWords(state.globalFilter), [state.globalFilter]);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table returns fresh functions each render by design.
  return useReactTable({
    data,
    columns: traineeColumns,
    state,
    getRowId: (t) => t.id,
    onSortingChange: (u) => setState({ sorting: typeof u === 'function' ? u(state.sorting) : u }),
    onColumnFiltersChange: (u) => setState({ columnFilters: typeof u === 'function' ? u(state.columnFilters) : u }),
    onGlobalFilterChange: (u) => setState({ globalFilter: typeof u === 'function' ? u(state.globalFilter) : u }),
    onColumnVisibilityChange: (u) =>
      setState({ columnVisibility: typeof u === 'function' ? u(state.columnVisibility) : u }),
    // Called once per cell by TanStack, so the whole row is judged on its first column.
    globalFilterFn: (row) => matchesEveryWord(words, searchText(row.original.id)),
    getColumnCanGlobalFilter: (column) => column.id === 'name',
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
}

/** `value` once a task has passed since it was rendered: work deferred out of the task that rendered it. */
function useAfterThisTask<T>(value: T): T | undefined {
  const [passed, setPassed] = useState<T>();
  useEffect(() => {
    const timer = setTimeout(() => setPassed(() => value), 0);
    return () => clearTimeout(timer);
  }, [value]);
  return passed;
}

/**
 * The register as a grid: sortable headers, a filter under each, rows virtualised so 10,000
 * scroll smoothly. Arrow keys move between rows, Enter opens the trainee.
 */
export function TraineeTable({ table, onOpen }: { table: Table<TraineeRow>; onOpen(id: string): void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const [activeIndex, setActiveIndex] = useState(0);
  const pendingFocus = useRef(false);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser's API returns functions React cannot memoise; that is expected.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const clampedActive = Math.min(activeIndex, Math.max(rows.length - 1, 0));
  const choicesFor = useAfterThisTask(table.getCoreRowModel());

  useEffect(() => {
    if (!pendingFocus.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${clampedActive}"]`);
    if (row) {
      row.focus();
      pendingFocus.current = false;
    }
  });

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActiveIndex(next);
    pendingFocus.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(clampedActive + 1),
      ArrowUp: () => moveTo(clampedActive - 1),
      PageDown: () => moveTo(clampedActive + page),
      PageUp: () => moveTo(clampedActive - page),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      Enter: () => {
        const row = rows[clampedActive];
        if (row) onOpen(row.original.id);
      },
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const visibleColumns = table.getVisibleLeafColumns().length;
  const paddingTop = items.length > 0 ? items[0]!.start : 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <div className="table-scroll" ref={scrollRef}>
      <table className="data-table" aria-label="Trainees" aria-rowcount={rows.length + 2}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    scope="col"
                  >
                    <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span aria-hidden="true" className="sort-indicator">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
          <tr className="filter-row" aria-rowindex={2}>
            {table.getVisibleLeafColumns().map((column) => (
              <td key={column.id}>
                <ColumnFilter column={column} offerChoices={choicesFor === table.getCoreRowModel()} />
              </td>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {paddingTop > 0 ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={visibleColumns} style={{ height: paddingTop }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <tr
                key={row.id}
                data-index={item.index}
                aria-rowindex={item.index + 3}
                tabIndex={item.index === clampedActive ? 0 : -1}
                className={row.original.archivedAt ? 'row-archived' : undefined}
                onClick={() => setActiveIndex(item.index)}
                onDoubleClick={() => onOpen(row.original.id)}
                style={{ height: ROW_HEIGHT }}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={visibleColumns} style={{ height: paddingBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="table-empty">No trainees match these filters.</p> : null}
    </div>
  );
}
