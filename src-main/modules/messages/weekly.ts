import { formatDateBR } from '../../../src-shared/domain/dates';
import { formatCents } from '../../../src-shared/domain/money';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { companyHeader, FONT, renderPdf } from '../../documents/pdf';
import { type Figures, weekly } from '../reports/service';
import { companyForDocuments } from '../settings/company';

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

/**
 * The weekly report's content for the week starting on `monday`: the reports module's weekly
 * metrics for the whole shop (sales and orders entered, profit from the items' recorded costs, the
 * top products and services by revenue), against the week before — the same numbers as Relatórios →
 * Semanal.
 */
export async function weeklyReportContent(db: Db, clock: Clock, monday: string): Promise<WeeklyReport> {
  const r = await weekly({ db, clock, user: null }, { date: monday, limit: 5 });
  const pick = (f: Figures): WeekFigures => ({
    salesCents: f.salesCents,
    orders: f.orders,
    profitCents: f.profitCents,
  });
  return {
    from: r.week.from,
    to: r.week.to,
    week: pick(r.current),
    previous: pick(r.previous),
    top: r.topByRevenue.map((t) => ({ name: t.name, quantity: t.quantity, revenueCents: t.revenueCents })),
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
export async function weeklyReportPdf(db: Db, clock: Clock, monday: string): Promise<Buffer> {
  const [report, company] = await Promise.all([weeklyReportContent(db, clock, monday), companyForDocuments(db)]);
  return renderPdf(`Relatório semanal ${monday}`, (doc) => {
    companyHeader(doc, company, 'Relatório da semana', {
      subtitle: `${formatDateBR(report.from)} a ${formatDateBR(report.to)}`,
    });
    doc.font(FONT.regular).fontSize(11);
    for (const line of weeklyReportText(report).split('\n').slice(2)) {
      if (line === 'Mais vendidos:') doc.moveDown(0.5).font(FONT.bold).text(line).font(FONT.regular);
      else doc.text(line);
    }
  });
}
