import { z } from 'zod';
import { PERIOD_PRESETS } from '../domain/periods';
import { BusinessDate, QueryInt } from './common';
import { fileOutput, procedure } from './procedure';
import { restricted } from './visibility';

/**
 * Reports (Relatórios): weekly metrics, the closing of any period grouped every way the shop asks,
 * trends, reprints and machines — read from per-day aggregates the database keeps with every write
 * (migration 0016) and covering indexes (0017). Money fields need `money.read` (production sees
 * quantities only); the financial closing needs `finance.shop`; a user without `reports.shop`
 * (vendedor) gets only their own sales. The delinquency report (finance's numbers) lives here too.
 */
export const REPORT_BASES = ['entrada', 'entrega'] as const;
export const ReportBasis = z.enum(REPORT_BASES);
export const Granularity = z.enum(['dia', 'semana', 'mes']);
export const CLOSING_GROUPS = [
  'cliente',
  'vendedor',
  'designer',
  'tipo',
  'status',
  'pagamento',
  'envio',
  'maquina',
] as const;
export const ClosingGroup = z.enum(CLOSING_GROUPS);
export const REPORT_KINDS = ['semanal', 'fechamento', 'tendencias', 'reimpressoes', 'maquinas'] as const;

/** A period: a preset (weeks Monday–Sunday, in the shop's time zone) or `personalizado` with both dates. */
export const periodInput = {
  preset: z.enum(PERIOD_PRESETS).default('mes'),
  from: BusinessDate.optional(),
  to: BusinessDate.optional(),
  /** Orders dated by entry (`entrada`) or by delivery (`entrega`), as the orders list. */
  basis: ReportBasis.default('entrada'),
};

const Money = z.number().int();
const PeriodOut = z.object({ from: z.string(), to: z.string() });

/** What a period adds up to. Values are cents; `areaM2` is m² produced (items sold by m²). */
export const ReportFigures = z.object({
  /** Orders (not quotes, not cancelled, not reprints). */
  orders: z.number().int(),
  /** Item lines and pieces produced (reprints included). */
  lines: z.number().int(),
  quantity: z.number().int(),
  areaM2: z.number(),
  /** What was sold: the orders' totals (items − discount + freight). */
  salesCents: restricted(Money, 'money.read'),
  itemsCents: restricted(Money, 'money.read'),
  discountCents: restricted(Money, 'money.read'),
  freightCents: restricted(Money, 'money.read'),
  /** Real cost recorded on each item when it was sold (reprints' items included). */
  costCents: restricted(Money, 'money.read'),
  /** Items − discount − cost (freight is passed on). */
  profitCents: restricted(Money, 'money.read'),
  /** Average order value. */
  ticketCents: restricted(Money, 'money.read'),
});

export const ProductRank = z.object({
  productId: z.number().int(),
  name: z.string(),
  kind: z.string(),
  productionType: z.string(),
  lines: z.number().int(),
  quantity: z.number().int(),
  areaM2: z.number(),
  revenueCents: restricted(Money, 'money.read'),
  costCents: restricted(Money, 'money.read'),
  profitCents: restricted(Money, 'money.read'),
});

export const GroupRow = z.object({
  key: z.string(),
  label: z.string(),
  /** Orders (per-order groups) — null in per-item groups (designer, type, machine). */
  orders: z.number().int().nullable(),
  lines: z.number().int(),
  quantity: z.number().int().nullable(),
  areaM2: z.number().nullable(),
  valueCents: restricted(Money, 'money.read'),
  costCents: restricted(Money, 'money.read'),
});

export const ReprintRow = z.object({
  orderId: z.number().int(),
  number: z.string(),
  reprintOfOrderId: z.number().int().nullable(),
  entryDate: z.string(),
  customerName: z.string(),
  reason: z.string(),
  costCents: restricted(Money, 'money.read'),
});

export const FinancialClosing = z.object({
  byMethod: z.array(
    z.object({ methodId: z.number().int(), name: z.string(), payments: z.number().int(), totalCents: Money }),
  ),
  /** Everything received (principal + charges), net of reversals. */
  receivedCents: Money,
  reversals: z.number().int(),
  reversalsCents: Money,
  /** Crediários opened in the period (renegotiations not counted again): count and amount financed. */
  creditSold: z.number().int(),
  creditSoldCents: Money,
  installmentsReceived: z.number().int(),
  installmentsReceivedCents: Money,
  /** Fines and interest collected. */
  chargesCents: Money,
});

const Closing = z.object({
  period: PeriodOut,
  basis: ReportBasis,
  /** True when only the caller's own sales are counted (vendedor). */
  own: z.boolean(),
  totals: ReportFigures,
  cancelled: z.object({ orders: z.number().int(), totalCents: restricted(Money, 'money.read') }),
  groups: z.object(
    Object.fromEntries(CLOSING_GROUPS.map((g) => [g, z.array(GroupRow)])) as Record<
      (typeof CLOSING_GROUPS)[number],
      z.ZodArray<typeof GroupRow>
    >,
  ),
  reprints: z.object({
    count: z.number().int(),
    costCents: restricted(Money, 'money.read'),
    reasons: z.array(
      z.object({ reason: z.string(), count: z.number().int(), costCents: restricted(Money, 'money.read') }),
    ),
    items: z.array(ReprintRow),
  }),
  finance: restricted(FinancialClosing, 'finance.shop'),
});

const Weekly = z.object({
  week: PeriodOut,
  previousWeek: PeriodOut,
  own: z.boolean(),
  current: ReportFigures,
  previous: ReportFigures,
  topByRevenue: z.array(ProductRank),
  topByQuantity: z.array(ProductRank),
});

export const TrendPoint = z.object({
  key: z.string(),
  label: z.string(),
  from: z.string(),
  to: z.string(),
  current: ReportFigures,
  /** The bucket before (growth against the previous period). */
  previous: ReportFigures,
  /** The same bucket a year before (weeks: 52 weeks before, same weekday). */
  lastYear: ReportFigures,
});

const Trends = z.object({
  period: PeriodOut,
  granularity: Granularity,
  own: z.boolean(),
  points: z.array(TrendPoint),
  totals: z.object({
    current: ReportFigures,
    previousPeriod: PeriodOut,
    previous: ReportFigures,
    lastYearPeriod: PeriodOut,
    lastYear: ReportFigures,
  }),
});

const exportInput = z.strictObject({
  report: z.enum(REPORT_KINDS),
  ...periodInput,
  granularity: Granularity.default('semana'),
  group: ClosingGroup.default('cliente'),
  date: BusinessDate.optional(),
});

export const reports = {
  'reports.weekly': procedure({
    http: 'GET /api/reports/weekly',
    permission: 'reports.read',
    summary:
      'Métricas da semana (segunda a domingo) que contém `date` (hoje se ausente) contra a anterior: vendas, pedidos, lucro pelo custo real, produtos e serviços mais vendidos por receita e por quantidade.',
    input: z.strictObject({ date: BusinessDate.optional(), limit: QueryInt(1, 50).default(10) }),
    output: Weekly,
  }),
  'reports.closing': procedure({
    http: 'GET /api/reports/closing',
    permission: 'reports.read',
    summary:
      'Fechamento de um período (por entrada ou entrega): totais, agrupado por cliente, vendedor, designer, tipo de produção, status, forma de pagamento, forma de envio e máquina; reimpressões; fechamento financeiro.',
    input: z.strictObject({
      ...periodInput,
      limit: QueryInt(1, 10_000).default(200),
      /** Only this group (the others come empty); every group when absent. */
      group: ClosingGroup.optional(),
    }),
    output: Closing,
  }),
  'reports.trends': procedure({
    http: 'GET /api/reports/trends',
    permission: 'reports.read',
    summary:
      'Tendências: os valores do fechamento por dia, semana ou mês num intervalo, com o período anterior e o mesmo período do ano passado.',
    input: z.strictObject({
      ...periodInput,
      preset: z.enum(PERIOD_PRESETS).default('ano'),
      granularity: Granularity.default('semana'),
    }),
    output: Trends,
  }),
  'reports.exportCsv': procedure({
    http: 'GET /api/reports/export.csv',
    permission: 'reports.read',
    summary:
      'Um relatório (semanal, fechamento por `group`, tendências, reimpressões, máquinas) em CSV para o Excel (`;`, UTF-8 com BOM, vírgula decimal), com os mesmos números da tela.',
    input: exportInput,
    output: fileOutput('text/csv'),
  }),
  'reports.exportPdf': procedure({
    http: 'GET /api/reports/export.pdf',
    permission: 'reports.read',
    summary: 'Um relatório em PDF com o nome da loja, os mesmos números da tela.',
    input: exportInput,
    output: fileOutput('application/pdf'),
  }),
  'reports.delinquency': procedure({
    http: 'GET /api/reports/delinquency',
    permission: 'credit.read',
    summary:
      'Inadimplência: clientes com parcelas vencidas, principal, encargos na data e faixas de atraso (os `limit` maiores devedores; totais de todos).',
    input: z.strictObject({
      from: BusinessDate.optional(),
      to: BusinessDate.optional(),
      asOf: BusinessDate.optional(),
      limit: QueryInt(1, 100_000).default(500),
    }),
    output: z.object({
      asOf: z.string(),
      items: z.array(
        z.object({
          customerId: z.number().int(),
          customerName: z.string(),
          phone: z.string().nullable(),
          count: z.number().int(),
          principalCents: z.number().int(),
          chargesCents: z.number().int(),
          oldestDueDate: z.string(),
          /** The crediário of the oldest overdue installment (where "Receber" starts). */
          oldestPlanId: z.number().int(),
          buckets: z.object({
            d1_30: z.number().int(),
            d31_60: z.number().int(),
            d61_90: z.number().int(),
            d90plus: z.number().int(),
          }),
        }),
      ),
      totals: z.object({
        customers: z.number().int(),
        count: z.number().int(),
        principalCents: z.number().int(),
        chargesCents: z.number().int(),
        buckets: z.object({
          d1_30: z.number().int(),
          d31_60: z.number().int(),
          d61_90: z.number().int(),
          d90plus: z.number().int(),
        }),
      }),
    }),
  }),
  'reports.delinquencyCsv': procedure({
    http: 'GET /api/reports/delinquency.csv',
    permission: 'credit.read',
    summary: 'Relatório de inadimplência em CSV (mesmos filtros).',
    input: z.strictObject({
      from: BusinessDate.optional(),
      to: BusinessDate.optional(),
      asOf: BusinessDate.optional(),
      limit: QueryInt(1, 100_000).default(100_000),
    }),
    output: fileOutput('text/csv'),
  }),
};
