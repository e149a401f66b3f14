import { describe, expect, it } from 'vitest';
import { homeLinks } from '../../src-renderer/lib/home-links';
import { EMPTY_FILTERS, filtersFromQuery, filtersToInput } from '../../src-renderer/lib/order-list';
import { listHref, queryParams, urlDateBR } from '../../src-renderer/lib/url-filters';

const inputOf = (href: string) => filtersToInput(filtersFromQuery(queryParams(href.split('?')[1] ?? '') ?? {}));

describe('list filters in the address', () => {
  it('reads a query into a record, or null without one', () => {
    expect(queryParams('?status=pronto&kind=pedido')).toEqual({ status: 'pronto', kind: 'pedido' });
    expect(queryParams('')).toBeNull();
    expect(listHref('/pedidos', { a: 'x y', b: undefined, c: '', d: true })).toBe('/pedidos?a=x+y&d=true');
    expect(listHref('/pedidos', {})).toBe('/pedidos');
    expect(urlDateBR('2026-11-25')).toBe('25/11/2026');
    expect(urlDateBR('25/11/2026')).toBe('');
  });

  it('a link opens the orders list with exactly its filters, whatever was remembered', () => {
    expect(filtersFromQuery({})).toEqual(EMPTY_FILTERS);
    expect(filtersFromQuery({ status: 'pronto,bogus', kind: 'pedido', overdue: 'true', sellerId: 'x' })).toEqual({
      ...EMPTY_FILTERS,
      statuses: ['pronto'],
      kind: 'pedido',
      overdue: 'true',
    });
  });

  it("Início's links ask the lists for the numbers' own filters", () => {
    const links = homeLinks('2026-11-25', '2026-11-01');
    expect(inputOf(links.dueToday)).toEqual({
      sort: '-entryDate',
      kind: 'pedido',
      dateMode: 'entrega',
      from: '2026-11-25',
      to: '2026-11-25',
      status: ['pendente', 'em_producao', 'pronto'],
    });
    expect(inputOf(links.overdue)).toEqual({ sort: 'deliveryDate', kind: 'todos', overdue: true });
    // Quotes valid until Sunday of this week (weeks start on Monday).
    expect(inputOf(links.quotes)).toMatchObject({
      kind: 'orcamento',
      dateMode: 'validade',
      from: '2026-11-25',
      to: '2026-11-29',
    });
    expect(inputOf(links.productionType('caneca'))).toMatchObject({
      kind: 'pedido',
      from: '2026-11-01',
      to: '2026-11-25',
      productionType: 'caneca',
      status: ['pendente', 'em_producao', 'pronto', 'entregue'],
    });
    expect(links.dueWeek).toBe('/financeiro/a-receber?from=2026-11-25&to=2026-11-29');
  });
});
