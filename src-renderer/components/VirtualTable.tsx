import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, type ReactNode, useEffect, useRef } from 'react';
import { Link } from 'wouter';
import {
  type ColumnList,
  gridTemplate,
  isColumnShown,
  nextServerSort,
  presentColumns,
  serverSortState,
  type TableColumn,
} from '../lib/table';
import { ColumnChooser, SortButton, useColumnChoice } from './table-parts';

export interface VirtualTableProps<T> {
  /** Names the table for the remembered column choice. */
  tableId: string;
  columns: ColumnList<T>;
  /** How many rows there are in all (the server's count). */
  total: number;
  /** The row at an index, or undefined while its page loads (a skeleton is drawn). */
  rowAt: (index: number) => T | undefined;
  rowHeight: number;
  /** The rows in view changed: the page loads the pages they are on. */
  onRange: (first: number, last: number) => void;
  /** A change of this (new filters) scrolls back to the top. */
  resetKey: string;
  rowHref: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  rowTestId?: string;
  sort?: string;
  onSort?: (sort: string) => void;
  /** Shown under the header when there are no rows, or while the first page loads. */
  children?: ReactNode;
  className?: string;
}

/** The smallest width the columns need: the rem at the start of each track, plus the gaps. */
function minWidth<T>(columns: readonly TableColumn<T>[]): string {
  const rem = columns.reduce((sum, c) => sum + Number(/([\d.]+)rem/.exec(c.width ?? '6rem')?.[1] ?? 6), 0);
  return `${rem + columns.length * 0.6 + 1.5}rem`;
}

/**
 * The table layer for lists too long to draw whole (orders: 100k rows): the same column
 * definitions, sort headers and remembered column choice as `DataTable`, drawn as a CSS grid whose
 * rows are virtualised (TanStack Virtual); on a phone each row is a two-column card.
 */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { tableId, total, rowAt, rowHeight, onRange, sort, onSort } = props;
  const columns = presentColumns(props.columns);
  const [choice, setShown] = useColumnChoice(tableId, columns);
  const shown = columns.filter((c) => isColumnShown(c, choice));
  const scrollRef = useRef<HTMLDivElement>(null);
  const server = serverSortState(sort, columns);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => onRange(first, last), [first, last, onRange]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the filters (as sent) change.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [props.resetKey]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new row height (phone ↔ desktop) invalidates the sizes.
  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  const style = { '--vt-cols': gridTemplate(shown), '--vt-min': minWidth(shown) } as CSSProperties;
  const cellClass = (c: TableColumn<T>) =>
    [c.className ?? '', c.num ? 'num' : '', c.narrowHidden ? 'vt-narrow-hidden' : ''].filter(Boolean).join(' ') ||
    undefined;

  return (
    <div className={['vtable', props.className ?? ''].join(' ')} style={style}>
      <ColumnChooser tableId={tableId} columns={columns} choice={choice} onChange={setShown} />
      <div className="orders-table vtable-frame">
        <div className="orders-row orders-head vtable-row">
          {shown.map((c) => {
            const sortable = c.serverSort && onSort;
            const active = server?.id === c.id;
            return (
              <span key={c.id} className={cellClass(c)}>
                {sortable ? (
                  <SortButton
                    id={c.id}
                    label={c.header}
                    active={active}
                    desc={active && server?.desc === true}
                    onClick={() => onSort(nextServerSort(sort, c) ?? '')}
                  />
                ) : (
                  c.header
                )}
              </span>
            );
          })}
        </div>
        <div
          ref={scrollRef}
          className="orders-scroll vtable-scroll"
          data-testid={`${tableId}-scroll`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll area must be reachable by keyboard.
          tabIndex={0}
        >
          <div className="orders-space" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((v) => {
              const row = rowAt(v.index);
              return (
                <div
                  key={v.key}
                  className="orders-slot"
                  style={{ height: v.size, transform: `translateY(${v.start}px)` }}
                >
                  {row ? (
                    <Link
                      href={props.rowHref(row)}
                      className={['orders-row vtable-row', props.rowClassName?.(row) ?? ''].join(' ')}
                      data-testid={props.rowTestId}
                    >
                      {shown.map((c) => (
                        <span key={c.id} className={cellClass(c)} data-testid={c.testId}>
                          {c.cell(row)}
                        </span>
                      ))}
                    </Link>
                  ) : (
                    <div className="orders-row skeleton-row">
                      <span className="skeleton" />
                    </div>
                  )}
                </div>
              );
            })}
          </div>
          {props.children}
        </div>
      </div>
    </div>
  );
}
