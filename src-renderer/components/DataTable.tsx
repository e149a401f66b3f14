import {
  type ColumnDef,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
  type VisibilityState,
} from '@tanstack/react-table';
import { type MouseEvent, type ReactNode, useMemo, useState } from 'react';
import { t } from '../i18n';
import {
  type ColumnList,
  isColumnShown,
  nextServerSort,
  presentColumns,
  serverSortState,
  type TableColumn,
} from '../lib/table';
import { SkeletonRows } from './Spinner';
import { ColumnChooser, SortButton, useColumnChoice } from './table-parts';

export interface DataTableProps<T> {
  /** Names the table for the remembered column choice (`balcao.columns.<tableId>`, this device). */
  tableId: string;
  columns: ColumnList<T>;
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string | number;
  loading?: boolean;
  /** Showing the previous page's rows while the next loads. */
  stale?: boolean;
  testId?: string;
  rowTestId?: string;
  rowClassName?: (row: T) => string | undefined;
  rowAttributes?: (row: T) => Record<`data-${string}`, string>;
  /** Clicking a row (not a link or button inside it). */
  onRowClick?: (row: T) => void;
  /** Server-side sort: the list's current key and how to change it. */
  sort?: string;
  onSort?: (sort: string) => void;
  /** Shown instead of rows when there are none. */
  empty?: ReactNode;
  /** The label of the totals row (shown when a column has `total`). */
  totalsLabel?: string;
  /** Offer the column choice (default: when some column may be hidden). */
  chooser?: boolean;
  compact?: boolean;
}

/**
 * The table layer (TanStack Table underneath): headers that sort (in the browser, or by asking the
 * page for a server sort key), a remembered column choice, a header that stays in view while the
 * rows scroll, a totals row, and on a phone every row a card whose cells carry their labels.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { tableId, rows, rowKey, onSort, sort } = props;
  const columns = presentColumns(props.columns);
  const [choice, setShown] = useColumnChoice(tableId, columns);
  const [clientSorting, setClientSorting] = useState<SortingState>([]);
  const columnIds = columns.map((c) => c.id).join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: the column set is identified by its ids
  const defs = useMemo<ColumnDef<T>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        accessorFn: (row: T) => column.sortValue?.(row) ?? null,
        enableSorting: column.sortValue !== undefined,
        enableHiding: !column.required,
        sortUndefined: 'last',
        meta: column,
      })),
    [columnIds],
  );
  const byId = new Map(columns.map((c) => [c.id, c]));
  const visibility: VisibilityState = Object.fromEntries(columns.map((c) => [c.id, isColumnShown(c, choice)]));
  const data = useMemo(() => [...(rows ?? [])], [rows]);
  const table = useReactTable<T>({
    data,
    columns: defs,
    state: { sorting: clientSorting, columnVisibility: visibility },
    onSortingChange: setClientSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => String(rowKey(row)),
  });

  const shown = table
    .getVisibleLeafColumns()
    .map((c) => byId.get(c.id))
    .filter((c): c is TableColumn<T> => !!c);
  const server = serverSortState(sort, columns);
  const hasTotals = shown.some((c) => c.total) && (rows?.length ?? 0) > 0;
  const hideable = columns.filter((c) => !c.required);
  const chooser = props.chooser ?? hideable.length > 1;

  const sortHeader = (column: TableColumn<T>) => {
    if (column.serverSort && onSort) {
      const active = server?.id === column.id;
      return {
        active,
        desc: active && server?.desc === true,
        toggle: () => onSort(nextServerSort(sort, column) ?? column.serverSort?.[0] ?? ''),
      };
    }
    const tc = table.getColumn(column.id);
    if (!tc?.getCanSort()) return null;
    const state = tc.getIsSorted();
    return { active: state !== false, desc: state === 'desc', toggle: () => tc.toggleSorting(state === 'asc') };
  };

  const cellClass = (column: TableColumn<T>) =>
    [column.num ? 'num fin-num' : '', column.actions ? 'row-actions' : '', column.className ?? '']
      .filter(Boolean)
      .join(' ') || undefined;

  const onClick = (row: T) => (event: MouseEvent<HTMLTableRowElement>) => {
    if ((event.target as HTMLElement).closest('a, button, input, select, label')) return;
    props.onRowClick?.(row);
  };

  return (
    <div className="data-table" data-testid={props.testId ? `${props.testId}-wrap` : undefined}>
      {chooser && <ColumnChooser tableId={tableId} columns={columns} choice={choice} onChange={setShown} />}
      <div className={props.stale ? 'table-wrap table-scroll stale' : 'table-wrap table-scroll'}>
        <table className={props.compact ? 'table table-compact' : 'table'} data-testid={props.testId}>
          <thead>
            <tr>
              {shown.map((column) => {
                const sorting = sortHeader(column);
                return (
                  <th
                    key={column.id}
                    className={cellClass(column)}
                    aria-sort={sorting?.active ? (sorting.desc ? 'descending' : 'ascending') : undefined}
                  >
                    {sorting ? (
                      <SortButton
                        id={column.id}
                        label={column.header}
                        active={sorting.active}
                        desc={sorting.desc}
                        onClick={sorting.toggle}
                      />
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {props.loading && <SkeletonRows rows={5} cols={shown.length} />}
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                className={
                  [props.onRowClick ? 'row-link' : '', props.rowClassName?.(row.original) ?? '']
                    .filter(Boolean)
                    .join(' ') || undefined
                }
                data-testid={props.rowTestId}
                {...props.rowAttributes?.(row.original)}
                onClick={props.onRowClick ? onClick(row.original) : undefined}
              >
                {shown.map((column) => (
                  <td
                    key={column.id}
                    className={cellClass(column)}
                    data-label={column.actions ? undefined : column.header}
                    data-testid={column.testId}
                  >
                    {column.actions ? (
                      <div className="cell-actions">{column.cell(row.original)}</div>
                    ) : (
                      column.cell(row.original)
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {hasTotals && rows && (
            <tfoot>
              <tr className="fin-total-row" data-testid={props.testId ? `${props.testId}-totals` : undefined}>
                {shown.map((column, i) => (
                  <td
                    key={column.id}
                    className={cellClass(column)}
                    data-label={column.total ? column.header : undefined}
                  >
                    {column.total ? column.total(rows) : i === 0 ? (props.totalsLabel ?? t('table.totals')) : null}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
        {rows && rows.length === 0 && !props.loading && props.empty}
      </div>
    </div>
  );
}
