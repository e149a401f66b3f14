import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable } from '../../src-renderer/components/DataTable';
import {
  isColumnShown,
  nextServerSort,
  parseColumnChoice,
  presentColumns,
  serverSortState,
  sumOf,
  type TableColumn,
} from '../../src-renderer/lib/table';

interface Row {
  id: number;
  name: string;
  amountCents?: number;
}

const columns: TableColumn<Row>[] = [
  { id: 'name', header: 'Nome', cell: (r) => r.name, required: true, serverSort: ['name', '-name'] },
  {
    id: 'amount',
    header: 'Valor',
    cell: (r) => String(r.amountCents ?? '—'),
    num: true,
    total: (rows) => sumOf(rows, (r) => r.amountCents),
  },
  { id: 'notes', header: 'Notas', cell: () => 'n', hiddenByDefault: true },
  { id: 'actions', header: 'Ações', cell: () => 'x', required: true, actions: true },
];

describe('column choice', () => {
  it('keeps only known, hideable columns and falls back to the defaults', () => {
    expect(parseColumnChoice({ amount: false, gone: true, name: false, notes: 'yes' }, columns)).toEqual({
      amount: false,
      notes: false,
    });
    expect(parseColumnChoice(null, columns)).toEqual({ amount: true, notes: false });
  });

  it('never hides a required column', () => {
    const choice = { name: false, amount: false };
    expect(isColumnShown(columns[0] as TableColumn<Row>, choice)).toBe(true);
    expect(isColumnShown(columns[1] as TableColumn<Row>, choice)).toBe(false);
  });

  it('drops the columns a role does not get', () => {
    const seesMoney = false;
    expect(presentColumns<Row>([columns[0], seesMoney && columns[1], null]).map((c) => c.id)).toEqual(['name']);
  });
});

describe('server sort', () => {
  it('maps a sort key to its column and flips direction on a second click', () => {
    expect(serverSortState('-name', columns)).toEqual({ id: 'name', desc: true });
    expect(serverSortState('createdAt', columns)).toBeNull();
    const name = columns[0] as TableColumn<Row>;
    expect(nextServerSort('name', name)).toBe('-name');
    expect(nextServerSort('-name', name)).toBe('name');
    expect(nextServerSort('createdAt', name)).toBe('name');
  });
});

describe('totals', () => {
  it('sums what the rows carry (a row without money counts as nothing)', () => {
    expect(
      sumOf(
        [
          { id: 1, name: 'a', amountCents: 100 },
          { id: 2, name: 'b' },
        ],
        (r) => r.amountCents,
      ),
    ).toBe(100);
  });
});

describe('<DataTable>', () => {
  const rows: Row[] = [
    { id: 1, name: 'Ana', amountCents: 150 },
    { id: 2, name: 'Bruno', amountCents: 50 },
  ];
  const render = (extra: Record<string, unknown> = {}) =>
    renderToStaticMarkup(
      createElement(DataTable<Row>, {
        tableId: 'test',
        columns,
        rows,
        rowKey: (r) => r.id,
        testId: 't',
        rowTestId: 'row',
        sort: 'name',
        onSort: () => {},
        ...extra,
      }),
    );

  it('labels every cell for the phone cards, except the actions', () => {
    const html = render();
    expect(html).toContain('data-label="Nome"');
    expect(html).toContain('data-label="Valor"');
    expect(html).not.toContain('data-label="Ações"');
    expect(html.match(/data-testid="row"/g)).toHaveLength(2);
  });

  it('shows the default columns, a sortable header marked with its direction, and the totals row', () => {
    const html = render();
    expect(html).not.toContain('Notas</th>');
    expect(html).toContain('aria-sort="ascending"');
    expect(html).toContain('data-testid="sort-name"');
    expect(html).toContain('data-testid="t-totals"');
    expect(html).toMatch(/<tfoot>.*200.*<\/tfoot>/);
    expect(html).toContain('data-testid="columns-test"');
  });

  it('shows the empty state and no totals when there are no rows', () => {
    const html = render({ rows: [], empty: createElement('p', { 'data-testid': 'none' }, 'vazio') });
    expect(html).toContain('data-testid="none"');
    expect(html).not.toContain('<tfoot>');
  });
});
