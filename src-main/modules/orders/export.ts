import { sql } from 'kysely';
import type { ParsedInputOf } from '../../../src-shared/contract';
import { Order } from '../../../src-shared/contract/orders';
import type { FileBody } from '../../../src-shared/contract/procedure';
import { can } from '../../../src-shared/permissions';
import type { OrderItemRow, OrderRow } from '../../db/schema';
import { type Column, chunks, exportFile, type Format, visibleColumns } from '../../documents/export';
import type { ProcCtx } from '../../rpc/context';
import { grantsOf } from '../../rpc/visibility';
import { creditOpenByOrder, orderBalance, paymentState } from '../finance/payments';
import { customerScope } from '../finance/scope';
import { filterOrders } from './queries';

/** One line of the file: an item with its order's columns. */
interface Line {
  order: OrderRow & { own: number };
  item: OrderItemRow;
  creditOpen: number;
}

const STATUS: Record<string, string> = {
  pendente: 'Pendente',
  em_producao: 'Em produção',
  pronto: 'Pronto',
  entregue: 'Entregue',
  cancelado: 'Cancelado',
};
const PAYMENT: Record<string, string> = {
  sem_valor: 'Sem valor',
  em_aberto: 'Em aberto',
  parcial: 'Pago em parte',
  no_crediario: 'No crediário',
  pago: 'Pago',
};
const metres = (mm: number | null) => (mm === null ? null : (mm / 1000).toFixed(3).replace('.', ','));

const COLUMNS: Array<Column<Line>> = [
  { header: 'Pedido', field: 'number', value: (l) => l.order.number },
  { header: 'Tipo', field: 'kind', value: (l) => (l.order.kind === 'orcamento' ? 'Orçamento' : 'Pedido') },
  { header: 'Entrada', field: 'entryDate', value: (l) => ({ date: l.order.entry_date }) },
  { header: 'Entrega', field: 'deliveryDate', value: (l) => ({ date: l.order.delivery_date }) },
  { header: 'Cliente', field: 'customerName', value: (l) => l.order.customer_name },
  { header: 'Telefone', field: 'customerPhone', value: (l) => l.order.customer_phone },
  { header: 'Cidade', field: 'customerCity', value: (l) => l.order.customer_city },
  { header: 'Situação', field: 'status', value: (l) => STATUS[l.order.status] ?? l.order.status },
  { header: 'Etapa', field: 'currentStage', value: (l) => l.order.current_stage },
  { header: 'Prioridade', field: 'priority', value: (l) => l.order.priority },
  { header: 'Total do pedido', field: 'totalCents', value: (l) => ({ cents: l.order.total_cents }) },
  { header: 'Pago', field: 'paidCents', value: (l) => ({ cents: l.order.paid_cents }) },
  { header: 'Saldo', field: 'balanceCents', value: (l) => ({ cents: orderBalance(l.order) }) },
  {
    header: 'Pagamento',
    field: 'paymentState',
    value: (l) => PAYMENT[paymentState(l.order, l.creditOpen)] ?? null,
  },
  { header: 'Item', field: 'items.position', value: (l) => l.item.position },
  { header: 'Produto', field: 'items.productName', value: (l) => l.item.product_name },
  { header: 'Descrição', field: 'items.description', value: (l) => l.item.description },
  { header: 'Largura (m)', field: 'items.widthMm', value: (l) => metres(l.item.width_mm) },
  { header: 'Altura (m)', field: 'items.heightMm', value: (l) => metres(l.item.height_mm) },
  { header: 'Quantidade', field: 'items.quantity', value: (l) => l.item.quantity },
  { header: 'Preço unitário', field: 'items.unitPriceCents', value: (l) => ({ cents: l.item.unit_price_cents }) },
  { header: 'Total do item', field: 'items.totalCents', value: (l) => ({ cents: l.item.total_cents }) },
];

/**
 * The orders list as filtered on screen, one line per item (the order's columns repeated), newest
 * first. Read in keyset chunks of 500 orders (`id < last`), each chunk's items in one query: memory
 * holds one chunk whatever the number of orders. Money columns follow the contract (`Order`): out
 * for who does not see money, blank in a seller's lines of other sellers' customers.
 */
export function exportOrders(ctx: ProcCtx, input: ParsedInputOf<'orders.exportCsv'>, format: Format): FileBody {
  const today = ctx.clock.today();
  const scope = customerScope(ctx, 'orders.customer_id');
  const seesAll = !ctx.user || can(ctx.user.role, 'finance.shop');
  const columns = visibleColumns(Order, COLUMNS, grantsOf(ctx.user?.role ?? null), seesAll);
  const listInput = { ...input, page: 1, perPage: 1 };
  const rows = (async function* () {
    const orderChunks = chunks<OrderRow & { own: number }>(
      (after, limit) =>
        filterOrders(ctx.db.selectFrom('orders'), listInput, today, scope)
          .selectAll('orders')
          .select(scope ? sql<number>`case when ${scope} then 1 else 0 end`.as('own') : sql<number>`1`.as('own'))
          .$if(after !== null, (b) => b.where('orders.id', '<', after?.id ?? 0))
          .orderBy('orders.id', 'desc')
          .limit(limit)
          .execute(),
      500,
    );
    for await (const orders of orderChunks) {
      const items = await ctx.db
        .selectFrom('order_items')
        .selectAll()
        .where(
          'order_id',
          'in',
          orders.map((o) => o.id),
        )
        .orderBy('order_id')
        .orderBy('position')
        .execute();
      const credit = await creditOpenByOrder(ctx.db, orders);
      const byOrder = new Map<number, OrderItemRow[]>();
      for (const item of items) byOrder.set(item.order_id, [...(byOrder.get(item.order_id) ?? []), item]);
      yield orders.flatMap((order) =>
        (byOrder.get(order.id) ?? []).map((item) => ({ order, item, creditOpen: credit.get(order.id) ?? 0 })),
      );
    }
  })();
  return exportFile({ format, name: 'pedidos', columns, rows, own: (l) => l.order.own === 1 });
}
