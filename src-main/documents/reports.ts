import type { ParsedInputOf } from '../../src-shared/contract';
import type { FileBody } from '../../src-shared/contract/procedure';
import { formatDateBR } from '../../src-shared/domain/dates';
import { can, type Permission } from '../../src-shared/permissions';
import {
  closing,
  type Figures,
  type GroupRowOut,
  type ProductRankRow,
  trends,
  weekly,
} from '../modules/reports/service';
import { companyForDocuments } from '../modules/settings/company';
import type { ProcCtx } from '../rpc/context';
import { toCsv } from './csv';
import { companyHeader, FONT, renderPdf } from './pdf';

/**
 * Reports as files: each report becomes a few tables (title, columns, rows, a totals row), built
 * from the very answer the screen gets, then written as CSV (Excel-BR) or PDF (the shop's name in
 * the header). Money columns need `money.read` and the financial closing `finance.shop`, as in
 * the JSON answers.
 */
type Kind = 'int' | 'money' | 'm2' | 'pct' | 'text';
interface Column {
  header: string;
  kind: Kind;
  /** Shown only with this permission. */
  needs?: Permission;
}
type Cell = string | number | null;
interface Table {
  title: string;
  columns: Column[];
  rows: Cell[][];
  totals?: Cell[];
}
interface Report {
  title: string;
  subtitle: string;
  tables: Table[];
}

type ExportInput = ParsedInputOf<'reports.exportCsv'>;

const reais = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
const decimal = (n: number) => n.toFixed(2).replace('.', ',');
const pct = (cur: number, base: number): string | null =>
  base === 0 ? null : `${((100 * (cur - base)) / Math.abs(base)).toFixed(1).replace('.', ',')}%`;

function cellText(v: Cell, kind: Kind): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (kind === 'money') return reais(v);
  if (kind === 'm2') return decimal(v);
  return String(v);
}

const periodText = (p: { from: string; to: string }) =>
  p.from === p.to ? formatDateBR(p.from) : `${formatDateBR(p.from)} a ${formatDateBR(p.to)}`;
const basisText = (b: string) => (b === 'entrega' ? 'por data de entrega' : 'por data de entrada');

const GROUP_TITLES: Record<string, string> = {
  cliente: 'Por cliente',
  vendedor: 'Por vendedor',
  designer: 'Por designer',
  tipo: 'Por tipo de produção',
  status: 'Por status',
  pagamento: 'Por forma de pagamento',
  envio: 'Por forma de envio',
  maquina: 'Por máquina',
};

function figureRows(cur: Figures, prev: Figures): { columns: Column[]; rows: Cell[][] } {
  const line = (label: string, a: number, b: number, kind: Kind): Cell[] => [
    label,
    kind === 'money' ? reais(a) : kind === 'm2' ? decimal(a) : a,
    kind === 'money' ? reais(b) : kind === 'm2' ? decimal(b) : b,
    pct(a, b),
  ];
  return {
    columns: [
      { header: 'Indicador', kind: 'text' },
      { header: 'Atual', kind: 'text' },
      { header: 'Anterior', kind: 'text' },
      { header: 'Variação', kind: 'text' },
    ],
    rows: [
      line('Pedidos', cur.orders, prev.orders, 'int'),
      line('Vendas (R$)', cur.salesCents, prev.salesCents, 'money'),
      line('Custo real (R$)', cur.costCents, prev.costCents, 'money'),
      line('Lucro (R$)', cur.profitCents, prev.profitCents, 'money'),
      line('Ticket médio (R$)', cur.ticketCents, prev.ticketCents, 'money'),
      line('Itens', cur.lines, prev.lines, 'int'),
      line('Peças', cur.quantity, prev.quantity, 'int'),
      line('m² produzidos', cur.areaM2, prev.areaM2, 'm2'),
    ],
  };
}

function productTable(title: string, rows: ProductRankRow[]): Table {
  return {
    title,
    columns: [
      { header: 'Produto/serviço', kind: 'text' },
      { header: 'Tipo', kind: 'text' },
      { header: 'Quantidade', kind: 'int' },
      { header: 'm²', kind: 'm2' },
      { header: 'Receita (R$)', kind: 'money', needs: 'money.read' },
      { header: 'Custo (R$)', kind: 'money', needs: 'money.read' },
      { header: 'Lucro (R$)', kind: 'money', needs: 'money.read' },
    ],
    rows: rows.map((r) => [r.name, r.productionType, r.quantity, r.areaM2, r.revenueCents, r.costCents, r.profitCents]),
  };
}

export function groupTable(group: string, rows: GroupRowOut[]): Table {
  const perOrder = rows.length > 0 ? rows[0]?.orders !== null : !['designer', 'tipo', 'maquina'].includes(group);
  const sum = (pick: (r: GroupRowOut) => number | null) => rows.reduce((a, r) => a + (pick(r) ?? 0), 0);
  const columns: Column[] = [
    { header: GROUP_TITLES[group]?.replace('Por ', '').replace(/^./, (c) => c.toUpperCase()) ?? group, kind: 'text' },
    ...(perOrder ? [{ header: 'Pedidos', kind: 'int' as const }] : []),
    { header: 'Itens', kind: 'int' },
    ...(perOrder
      ? []
      : [
          { header: 'Peças', kind: 'int' as const },
          { header: 'm²', kind: 'm2' as const },
        ]),
    { header: 'Valor (R$)', kind: 'money', needs: 'money.read' },
    ...(perOrder ? [] : [{ header: 'Custo (R$)', kind: 'money' as const, needs: 'money.read' as const }]),
  ];
  const line = (r: GroupRowOut): Cell[] => [
    r.label,
    ...(perOrder ? [r.orders] : []),
    r.lines,
    ...(perOrder ? [] : [r.quantity, r.areaM2]),
    r.valueCents,
    ...(perOrder ? [] : [r.costCents]),
  ];
  const area = Math.round(sum((r) => r.areaM2) * 100) / 100;
  return {
    title: GROUP_TITLES[group] ?? group,
    columns,
    rows: rows.map(line),
    totals: [
      'Total',
      ...(perOrder ? [sum((r) => r.orders)] : []),
      sum((r) => r.lines),
      ...(perOrder ? [] : [sum((r) => r.quantity), area]),
      sum((r) => r.valueCents),
      ...(perOrder ? [] : [sum((r) => r.costCents)]),
    ],
  };
}

async function buildReport(ctx: ProcCtx, input: ExportInput): Promise<Report> {
  if (input.report === 'semanal') {
    const w = await weekly(ctx, { ...(input.date && { date: input.date }), limit: 10 });
    const summary = figureRows(w.current, w.previous);
    return {
      title: 'Métricas da semana',
      subtitle: `Semana de ${periodText(w.week)} (anterior: ${periodText(w.previousWeek)})${w.own ? ' — minhas vendas' : ''}`,
      tables: [
        {
          title: 'Resumo',
          columns: summary.columns,
          rows: summary.rows.filter(
            (r) => can(ctx.user?.role ?? 'producao', 'money.read') || !String(r[0]).includes('R$'),
          ),
        },
        productTable('Mais vendidos por receita', w.topByRevenue),
        productTable('Mais vendidos por quantidade', w.topByQuantity),
      ],
    };
  }
  if (input.report === 'tendencias') {
    const tr = await trends(ctx, input);
    const columns: Column[] = [
      { header: 'Período', kind: 'text' },
      { header: 'De', kind: 'text' },
      { header: 'Até', kind: 'text' },
      { header: 'Pedidos', kind: 'int' },
      { header: 'Itens', kind: 'int' },
      { header: 'm²', kind: 'm2' },
      { header: 'Vendas (R$)', kind: 'money', needs: 'money.read' },
      { header: 'Lucro (R$)', kind: 'money', needs: 'money.read' },
      { header: 'Vendas vs. anterior', kind: 'text', needs: 'money.read' },
      { header: 'Vendas vs. ano passado', kind: 'text', needs: 'money.read' },
      { header: 'Pedidos vs. anterior', kind: 'text' },
      { header: 'Pedidos vs. ano passado', kind: 'text' },
    ];
    const t = tr.totals;
    return {
      title: 'Tendências',
      subtitle: `${periodText(tr.period)}, ${basisText(input.basis)}${tr.own ? ' — minhas vendas' : ''}`,
      tables: [
        {
          title: { dia: 'Por dia', semana: 'Por semana', mes: 'Por mês' }[tr.granularity],
          columns,
          rows: tr.points.map((p) => [
            p.label,
            formatDateBR(p.from),
            formatDateBR(p.to),
            p.current.orders,
            p.current.lines,
            p.current.areaM2,
            p.current.salesCents,
            p.current.profitCents,
            pct(p.current.salesCents, p.previous.salesCents),
            pct(p.current.salesCents, p.lastYear.salesCents),
            pct(p.current.orders, p.previous.orders),
            pct(p.current.orders, p.lastYear.orders),
          ]),
          totals: [
            'Total',
            formatDateBR(tr.period.from),
            formatDateBR(tr.period.to),
            t.current.orders,
            t.current.lines,
            t.current.areaM2,
            t.current.salesCents,
            t.current.profitCents,
            pct(t.current.salesCents, t.previous.salesCents),
            pct(t.current.salesCents, t.lastYear.salesCents),
            pct(t.current.orders, t.previous.orders),
            pct(t.current.orders, t.lastYear.orders),
          ],
        },
      ],
    };
  }
  const c = await closing(ctx, {
    ...input,
    limit: 10_000,
    group: input.report === 'maquinas' ? 'maquina' : input.report === 'fechamento' ? input.group : 'status',
  });
  const subtitle = `${periodText(c.period)}, ${basisText(c.basis)}${c.own ? ' — minhas vendas' : ''}`;
  if (input.report === 'maquinas')
    return { title: 'Produção por máquina', subtitle, tables: [groupTable('maquina', c.groups.maquina)] };
  if (input.report === 'reimpressoes') {
    return {
      title: 'Reimpressões',
      subtitle,
      tables: [
        {
          title: 'Motivos',
          columns: [
            { header: 'Motivo', kind: 'text' },
            { header: 'Reimpressões', kind: 'int' },
            { header: 'Custo (R$)', kind: 'money', needs: 'money.read' },
          ],
          rows: c.reprints.reasons.map((r) => [r.reason, r.count, r.costCents]),
          totals: ['Total', c.reprints.count, c.reprints.costCents],
        },
        {
          title: 'Reimpressões',
          columns: [
            { header: 'Pedido', kind: 'text' },
            { header: 'Data', kind: 'text' },
            { header: 'Cliente', kind: 'text' },
            { header: 'Motivo', kind: 'text' },
            { header: 'Custo (R$)', kind: 'money', needs: 'money.read' },
          ],
          rows: c.reprints.items.map((r) => [
            r.number,
            formatDateBR(r.entryDate),
            r.customerName,
            r.reason,
            r.costCents,
          ]),
        },
      ],
    };
  }
  const totals = c.totals;
  const tables: Table[] = [
    {
      title: 'Totais',
      columns: [
        { header: 'Indicador', kind: 'text' },
        { header: 'Valor', kind: 'text' },
      ],
      rows: [
        ['Pedidos', totals.orders],
        ['Itens', totals.lines],
        ['Peças', totals.quantity],
        ['m² produzidos', decimal(totals.areaM2)],
        ...(can(ctx.user?.role ?? 'producao', 'money.read')
          ? [
              ['Vendas (R$)', reais(totals.salesCents)],
              ['Desconto (R$)', reais(totals.discountCents)],
              ['Frete (R$)', reais(totals.freightCents)],
              ['Custo real (R$)', reais(totals.costCents)],
              ['Lucro (R$)', reais(totals.profitCents)],
            ]
          : []),
        ['Cancelados', c.cancelled.orders],
        ['Reimpressões', c.reprints.count],
      ],
    },
    groupTable(input.group, c.groups[input.group]),
  ];
  if (c.finance) {
    const f = c.finance;
    tables.push({
      title: 'Fechamento financeiro',
      columns: [
        { header: 'Forma de pagamento', kind: 'text' },
        { header: 'Lançamentos', kind: 'int' },
        { header: 'Recebido (R$)', kind: 'money' },
      ],
      rows: [
        ...f.byMethod.map((m) => [m.name, m.payments, m.totalCents]),
        ['Estornos', f.reversals, -f.reversalsCents],
        ['Parcelas recebidas', f.installmentsReceived, f.installmentsReceivedCents],
        ['Encargos recebidos', null, f.chargesCents],
        ['Crediário vendido', f.creditSold, f.creditSoldCents],
      ],
      totals: ['Total recebido', f.byMethod.reduce((a, m) => a + m.payments, 0), f.receivedCents],
    });
  }
  return { title: 'Fechamento', subtitle, tables };
}

/** Drops the columns the user may not see. */
function visible(ctx: ProcCtx, table: Table): Table {
  const role = ctx.user?.role;
  const keep = table.columns.map((c) => !c.needs || (role !== undefined && can(role, c.needs)));
  const cut = (row: Cell[]) => row.filter((_, i) => keep[i]);
  return {
    ...table,
    columns: table.columns.filter((_, i) => keep[i]),
    rows: table.rows.map(cut),
    ...(table.totals && { totals: cut(table.totals) }),
  };
}

const FILE_NAMES: Record<ExportInput['report'], string> = {
  semanal: 'semanal',
  fechamento: 'fechamento',
  tendencias: 'tendencias',
  reimpressoes: 'reimpressoes',
  maquinas: 'maquinas',
};

function fileName(input: ExportInput, ext: string): string {
  const base = FILE_NAMES[input.report];
  return `relatorio-${base}${input.report === 'fechamento' ? `-${input.group}` : ''}.${ext}`;
}

export async function reportCsv(ctx: ProcCtx, input: ExportInput): Promise<FileBody> {
  const report = await buildReport(ctx, input);
  const rows: Cell[][] = [[report.title], [report.subtitle]];
  for (const raw of report.tables) {
    const table = visible(ctx, raw);
    const fmt = (row: Cell[]) => row.map((v, i) => cellText(v, table.columns[i]?.kind ?? 'text'));
    rows.push(
      [],
      [table.title],
      table.columns.map((c) => c.header),
      ...table.rows.map(fmt),
    );
    if (table.totals) rows.push(fmt(table.totals));
  }
  return {
    file: true,
    mime: 'text/csv; charset=utf-8',
    filename: fileName(input, 'csv'),
    disposition: 'attachment',
    body: Buffer.from(toCsv(rows)),
  };
}

export async function reportPdf(ctx: ProcCtx, input: ExportInput): Promise<FileBody> {
  const report = await buildReport(ctx, input);
  const company = await companyForDocuments(ctx.db);
  const body = await renderPdf(report.title, (doc) => {
    companyHeader(doc, company, report.title, { subtitle: report.subtitle });
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    for (const raw of report.tables) {
      const table = visible(ctx, raw);
      const n = table.columns.length;
      const first = Math.min(200, width * (n > 4 ? 0.3 : 0.4));
      const rest = n > 1 ? (width - first) / (n - 1) : 0;
      const xs = table.columns.map((_, i) => (i === 0 ? left : left + first + (i - 1) * rest));
      const ws = table.columns.map((_, i) => (i === 0 ? first : rest) - 4);
      const line = (cells: string[], bold: boolean) => {
        if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
        const y = doc.y;
        doc.font(bold ? FONT.bold : FONT.regular).fontSize(n > 8 ? 7 : 9);
        let bottom = y;
        cells.forEach((text, i) => {
          const kind = table.columns[i]?.kind ?? 'text';
          doc.text(text, xs[i] as number, y, {
            width: ws[i] as number,
            align: i > 0 && kind !== 'text' ? 'right' : 'left',
          });
          bottom = Math.max(bottom, doc.y);
        });
        doc.x = left;
        doc.y = bottom + 2;
      };
      doc.moveDown(0.6);
      doc.font(FONT.bold).fontSize(11).text(table.title, left);
      doc.moveDown(0.2);
      line(
        table.columns.map((c) => c.header),
        true,
      );
      const fmt = (row: Cell[]) => row.map((v, i) => cellText(v, table.columns[i]?.kind ?? 'text'));
      for (const row of table.rows) line(fmt(row), false);
      if (table.totals) line(fmt(table.totals), true);
    }
  });
  return {
    file: true,
    mime: 'application/pdf',
    filename: fileName(input, 'pdf'),
    disposition: 'inline',
    body,
  };
}
