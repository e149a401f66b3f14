import { endOfWeek } from '../../src-shared/domain/periods';
import { listHref } from './url-filters';

const OPEN = 'pendente,em_producao,pronto';
const NOT_CANCELLED = 'pendente,em_producao,pronto,entregue';

/**
 * The links behind Início's numbers: each opens the list that explains it, with the same filter as
 * the number (`home.summary` on the server): the orders list by delivery date, status, kind,
 * validity or production type; payments, receivables and installments by date or overdue.
 * Unit-tested against the lists' own parsing (`filtersFromQuery` → `filtersToInput`).
 */
export function homeLinks(today: string, monthFrom: string, own = false) {
  const week = endOfWeek(today);
  // A seller's Início counts their own customers' orders: their links ask the list for the same.
  const mine = own ? { own: true } : {};
  const sales = { ...mine, kind: 'pedido', status: NOT_CANCELLED, dateMode: 'entrada', from: monthFrom, to: today };
  return {
    dueToday: listHref('/pedidos', {
      ...mine,
      kind: 'pedido',
      status: OPEN,
      dateMode: 'entrega',
      from: today,
      to: today,
    }),
    overdue: listHref('/pedidos', { ...mine, overdue: true, sort: 'deliveryDate' }),
    approval: listHref('/pedidos', { ...mine, kind: 'pedido', status: 'pendente' }),
    ready: listHref('/pedidos', { ...mine, kind: 'pedido', status: 'pronto', sort: 'deliveryDate' }),
    quotes: listHref('/pedidos', {
      ...mine,
      kind: 'orcamento',
      status: 'pendente',
      dateMode: 'validade',
      from: today,
      to: week,
    }),
    sales: listHref('/pedidos', sales),
    productionType: (type: string) => listHref('/pedidos', { ...sales, productionType: type }),
    received: listHref('/financeiro/pagamentos', { from: today, to: today }),
    dueTodayMoney: listHref('/financeiro/a-receber', { from: today, to: today }),
    dueWeek: listHref('/financeiro/a-receber', { from: today, to: week }),
    overdueInstallments: listHref('/financeiro/parcelas', { overdue: true }),
    receivable: '/financeiro/a-receber',
    delinquency: '/financeiro/inadimplencia',
    board: '/producao',
  };
}
