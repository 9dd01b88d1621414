import { flexRender, type Table } from '@tanstack/react-table';

/**
 * A table's header rows, each heading a button that sorts by its column, with `aria-sort` for
 * screen readers and a visual ▲/▼ hidden from them (the sort state is already announced).
 */
export function SortableHeaderRows<Row>({ table }: { table: Table<Row> }) {
  return table.getHeaderGroups().map((group) => (
    <tr key={group.id}>
      {group.headers.map((header) => {
        const sorted = header.column.getIsSorted();
        return (
          <th
            key={header.id}
            scope="col"
            aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
          >
            <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
              {flexRender(header.column.columnDef.header, header.getContext())}
              <span className="sort-indicator" aria-hidden="true">
                {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
              </span>
            </button>
          </th>
        );
      })}
    </tr>
  ));
}
