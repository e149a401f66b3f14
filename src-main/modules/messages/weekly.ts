import { addDays } from '../../../src-shared/domain/credit';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { formatCents } from '../../../src-shared/domain/money';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { FONT, header, renderPdf } from '../../documents/pdf';
import { shopInfo } from './settings';

export interface WeekFigures {
  salesCents: number;
  orders: number;
  profitCents: number;
}

export interface WeeklyReport {
  /** Monday of the week reported, and its Sunday. */
  from: string;
  to: string;
  week: WeekFigures;
  previous: WeekFigures;
  top: Array<{ name: string; quantity: number; revenueCents: number }>;
}

async function figures(db: Db, from: string, to: string): Promise<WeekFigures> {
  const orders = await db
    .selectFrom('orders')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('total_cents').as('total')])
    .where('kind', '=', 'pedido')
    .where('status', '!=', 'cancelado')
    .where('entry_date', '>=', from)
    .where('entry_date', '<=', to)
    .executeTakeFirstOrThrow();
  const items = await db
    .selectFrom('order_items as i')
    .innerJoin('orders as o', 'o.id', 'i.order_id')
    .select((eb) => [eb.fn.sum<number>(eb('i.total_cents', '-', eb.ref('i.cost_cents'))).as('profit')])
    .where('o.kind', '=', 'pedido')
    .where('o.status', '!=', 'cancelado')
    .where('o.entry_date', '>=', from)
    .where('o.entry_date', '<=', to)
    .executeTakeFirstOrThrow();
  return { salesCents: Number(orders.total ?? 0), orders: Number(orders.n), profitCents: Number(items.profit ?? 0) };
}

/**
 * The weekly report's content for the week starting on `monday`: sales and orders entered, profit
 * (items sold less their recorded cost), the top products and services by revenue, and the week
 * before. The one function to point at the reports module once it exists.
 */
export async function weeklyReportContent(db: Db, monday: string): Promise<WeeklyReport> {
  const to = addDays(monday, 6);
  const top = await db
    .selectFrom('order_items as i')
    .innerJoin('orders as o', 'o.id', 'i.order_id')
    .select((eb) => [
      'i.product_name as name',
      eb.fn.sum<number>('i.quantity').as('quantity'),
      eb.fn.sum<number>('i.total_cents').as('revenue'),
    ])
    .where('o.kind', '=', 'pedido')
    .where('o.status', '!=', 'cancelado')
    .where('o.entry_date', '>=', monday)
    .where('o.entry_date', '<=', to)
    .groupBy('i.product_name')
    .orderBy('revenue', 'desc')
    .limit(5)
    .execute();
  return {
    from: monday,
    to,
    week: await figures(db, monday, to),
    previous: await figures(db, addDays(monday, -7), addDays(monday, -1)),
    top: top.map((t) => ({ name: t.name, quantity: Number(t.quantity), revenueCents: Number(t.revenue) })),
  };
}

function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? '=' : 'novo';
  const pct = Math.round(((now - before) / Math.abs(before)) * 100);
  return `${pct > 0 ? '+' : ''}${pct}%`;
}

/** The report as the e-mail's text (pt-BR, like every document). */
export function weeklyReportText(r: WeeklyReport): string {
  const lines = [
    `Semana de ${formatDateBR(r.from)} a ${formatDateBR(r.to)}`,
    '',
    `Vendas: ${formatCents(r.week.salesCents)} (semana anterior ${formatCents(r.previous.salesCents)}, ${change(r.week.salesCents, r.previous.salesCents)})`,
    `Pedidos: ${r.week.orders} (semana anterior ${r.previous.orders}, ${change(r.week.orders, r.previous.orders)})`,
    `Lucro: ${formatCents(r.week.profitCents)} (semana anterior ${formatCents(r.previous.profitCents)}, ${change(r.week.profitCents, r.previous.profitCents)})`,
    '',
    'Mais vendidos:',
    ...(r.top.length
      ? r.top.map((t, i) => `${i + 1}. ${t.name} — ${formatCents(t.revenueCents)} (${t.quantity} un.)`)
      : ['(nenhuma venda na semana)']),
  ];
  return lines.join('\n');
}

/** The report as a PDF (the e-mail's attachment). */
export async function weeklyReportPdf(db: Db, _clock: Clock, monday: string): Promise<Buffer> {
  const [report, shop] = await Promise.all([weeklyReportContent(db, monday), shopInfo(db)]);
  return renderPdf(`Relatório semanal ${monday}`, (doc) => {
    header(doc, shop.name, `Relatório da semana — ${formatDateBR(report.from)} a ${formatDateBR(report.to)}`);
    doc.font(FONT.regular).fontSize(11);
    for (const line of weeklyReportText(report).split('\n').slice(2)) {
      if (line === 'Mais vendidos:') doc.moveDown(0.5).font(FONT.bold).text(line).font(FONT.regular);
      else doc.text(line);
    }
  });
}
