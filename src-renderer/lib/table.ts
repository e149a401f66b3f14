import type { ReactNode } from 'react';

/**
 * The table layer's columns as data, and the rules that need no React (unit-tested): which columns
 * show (the user's remembered choice, never hiding the required ones), how a header click moves a
 * server-side sort, and the totals row.
 */
export interface TableColumn<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Sort in the browser by this value (the rows are all on screen); makes the header clickable. */
  sortValue?: (row: T) => string | number | null | undefined;
  /** Sort on the server: the list's sort keys for ascending and descending. */
  serverSort?: readonly [asc: string, desc: string];
  /** Money or counts: right-aligned. */
  num?: boolean;
  className?: string;
  /** Always shown (the row's name, its actions): not offered in the column choice. */
  required?: boolean;
  /** Hidden until the user picks it in the column choice. */
  hiddenByDefault?: boolean;
  /** The cell of the totals row (the rows on screen). */
  total?: (rows: readonly T[]) => ReactNode;
  /** The row's actions: no label on a phone card, buttons wrap. */
  actions?: boolean;
  /** The column's track in a grid-drawn table (`VirtualTable`): '13rem', 'minmax(9rem, 2fr)'. */
  width?: string;
  /** Left out of the phone card (a detail the card has no room for). */
  narrowHidden?: boolean;
  testId?: string;
}

/** A column list may hold `false`/`null` for columns this user does not get (money, documents). */
export type ColumnList<T> = ReadonlyArray<TableColumn<T> | false | null | undefined>;

export function presentColumns<T>(columns: ColumnList<T>): TableColumn<T>[] {
  return columns.filter((c): c is TableColumn<T> => Boolean(c));
}

export type ColumnChoice = Record<string, boolean>;

/** The remembered choice, kept only for columns that still exist and may be hidden. */
export function parseColumnChoice<T>(stored: unknown, columns: readonly TableColumn<T>[]): ColumnChoice {
  const choice: ColumnChoice = {};
  const saved = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  for (const column of columns) {
    if (column.required) continue;
    const value = saved[column.id];
    choice[column.id] = typeof value === 'boolean' ? value : !column.hiddenByDefault;
  }
  return choice;
}

export function isColumnShown<T>(column: TableColumn<T>, choice: ColumnChoice): boolean {
  return column.required === true || choice[column.id] !== false;
}

export interface SortState {
  id: string;
  desc: boolean;
}

/** Which column a server sort key ('-createdAt') belongs to, and its direction. */
export function serverSortState<T>(sort: string | undefined, columns: readonly TableColumn<T>[]): SortState | null {
  if (!sort) return null;
  for (const column of columns) {
    const keys = column.serverSort;
    if (!keys) continue;
    if (keys[1] === sort) return { id: column.id, desc: true };
    if (keys[0] === sort) return { id: column.id, desc: false };
  }
  return null;
}

/** A header click: the column's first direction, or the other one when it is already sorted by it. */
export function nextServerSort<T>(sort: string | undefined, column: TableColumn<T>): string | undefined {
  const keys = column.serverSort;
  if (!keys) return sort;
  return sort === keys[0] ? keys[1] : keys[0];
}

/** The grid tracks of the columns shown (a column without `width` takes a flexible share). */
export function gridTemplate<T>(columns: readonly TableColumn<T>[]): string {
  return columns.map((c) => c.width ?? 'minmax(6rem, 1fr)').join(' ');
}

/** Sums a number over rows, leaving out the rows that do not carry it (money hidden on that row). */
export function sumOf<T>(rows: readonly T[], value: (row: T) => number | null | undefined): number {
  let total = 0;
  for (const row of rows) total += value(row) ?? 0;
  return total;
}
