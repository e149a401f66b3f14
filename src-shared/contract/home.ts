import { z } from 'zod';
import { Empty } from './common';
import { procedure } from './procedure';
import { restricted } from './visibility';

const Int = z.number().int();

/** An order (or quote) named on Início: `date` is the date that matters (delivery, validity), `days` how many days late, waiting or left. */
export const HomeOrderRef = z.object({
  id: Int,
  number: z.string(),
  customerName: z.string(),
  date: z.string().nullable(),
  days: Int,
});

/** Orders and quotes as production and the counter see them today. No money. */
export const HomeOperations = z.object({
  /** Orders (not quotes) open and due today. */
  dueToday: z.object({ count: Int }),
  /** Open orders whose delivery date passed: the oldest first, `days` late. */
  overdue: z.object({ count: Int, maxDaysLate: Int, items: z.array(HomeOrderRef) }),
  /** Orders waiting for the finance stage's approval (status pendente). */
  awaitingApproval: z.object({ count: Int }),
  /** Open orders (pendente, em produção) per stage they wait on, in the shop's stage order. */
  stages: z.array(z.object({ key: z.string(), label: z.string(), count: Int })),
  /** Ready orders waiting for pickup: the longest waiting first, `days` since they were ready. */
  ready: z.object({ count: Int, maxDays: Int, items: z.array(HomeOrderRef) }),
  /** Open quotes whose validity ends from today to Sunday: `date` is the last valid day, `days` left. */
  quotesExpiring: z.object({ from: z.string(), to: z.string(), count: Int, items: z.array(HomeOrderRef) }),
});

const Due = z.object({
  from: z.string(),
  to: z.string(),
  totalCents: Int,
  ordersCents: Int,
  installmentsCents: Int,
  count: Int,
});

/** The shop's cash today (admin, gerente, financeiro). */
export const HomeMoney = z.object({
  receivedToday: z.object({
    totalCents: Int,
    count: Int,
    byMethod: z.array(z.object({ paymentMethodId: Int, name: z.string(), totalCents: Int, count: Int })),
  }),
  /** Open order balances (by delivery date) and open installments (by due date) due today… */
  dueToday: Due,
  /** …and from today to Sunday. */
  dueWeek: Due,
  /** Installments past their due date: count, principal still owed and late charges today. */
  overdueInstallments: z.object({ count: Int, principalCents: Int, chargesCents: Int }),
});

const SalesPeriod = z.object({ from: z.string(), to: z.string(), totalCents: Int, count: Int });

/** Sales (orders taken, not cancelled, by entry date): the shop's, or a seller's own customers'. */
export const HomeSales = z.object({
  monthToDate: SalesPeriod,
  sameDaysLastMonth: SalesPeriod,
  /** Month-to-date against the same days of last month, in percent (null when last month sold nothing). */
  changePercent: z.number().nullable(),
  averageTicketCents: Int,
  last30: SalesPeriod,
  previous30: SalesPeriod,
  /** One row per day of the last 30, each with the day 30 days before it. */
  days: z.array(z.object({ date: z.string(), totalCents: Int, previousDate: z.string(), previousCents: Int })),
});

/** The crediário portfolio (admin, gerente, financeiro). */
export const HomeCredit = z.object({
  /** Still owed on open installments (principal). */
  receivableCents: Int,
  /** Principal of the installments past due, and its share of the portfolio (0–1). */
  overduePrincipalCents: Int,
  overdueShare: z.number(),
  /** Financed on crediários opened this month (not cancelled). */
  soldThisMonthCents: Int,
  soldThisMonthCount: Int,
});

export const HomeSummary = z.object({
  /** The shop's today and this month, the dates every number is about. */
  today: z.string(),
  monthFrom: z.string(),
  /** `loja`: the whole shop; `proprios`: a seller's own customers only. */
  scope: z.enum(['loja', 'proprios']),
  operations: HomeOperations,
  /** This month's orders by production type (an order with two types counts in both). */
  productionTypes: z.array(
    z.object({ type: z.string(), orders: Int, items: Int, totalCents: restricted(Int, 'money.read') }),
  ),
  sales: restricted(HomeSales, 'money.read'),
  money: restricted(HomeMoney, 'finance.shop'),
  credit: restricted(HomeCredit, 'finance.shop'),
});

export const home = {
  'home.summary': procedure({
    http: 'GET /api/home',
    permission: 'orders.read',
    summary:
      'Início: o dia (entregas, atrasados, aprovação, etapas, prontos, orçamentos vencendo) e, para quem vê dinheiro, vendas, caixa e crediário.',
    input: Empty,
    output: HomeSummary,
  }),
};
