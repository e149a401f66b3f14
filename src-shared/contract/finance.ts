import { z } from 'zod';
import { PAYMENT_STATES } from '../domain/payment-state';
import {
  BusinessDate,
  Cents,
  Clearable,
  Id,
  Instant,
  InstantInput,
  ListOf,
  Note,
  PageInput,
  QueryBool,
  QueryInt,
  Text,
  Version,
} from './common';
import { OrderStatus } from './orders';
import { fileOutput, procedure } from './procedure';
import { EXPORT_MIMES, IMPORT_LIMITS, ImportInput, ImportPreview, ImportResult } from './transfer';

export const PaymentState = z.enum(PAYMENT_STATES);
/** What a payment paid: an order, a down payment, an installment, a reversal, or a whole plan settled early. */
export const PAYMENT_ENTRY_KINDS = ['pedido', 'entrada', 'parcela', 'estorno', 'quitacao'] as const;
export const INSTALLMENT_STATUSES = ['pendente', 'parcial', 'paga', 'atrasada', 'renegociada', 'cancelada'] as const;
export const InstallmentStatus = z.enum(INSTALLMENT_STATUSES);
export const PlanStatus = z.enum(['ativo', 'quitado', 'renegociado', 'cancelado']);

export const Payment = z.object({
  id: z.number().int(),
  receiptNumber: z.string(),
  kind: z.enum(PAYMENT_ENTRY_KINDS),
  orderId: z.number().int().nullable(),
  orderNumber: z.string().nullable(),
  installmentId: z.number().int().nullable(),
  installmentCode: z.string().nullable(),
  customerId: z.number().int(),
  customerName: z.string(),
  /** Principal (what reduces the balance); negative on a reversal. */
  amountCents: z.number().int(),
  fineCents: z.number().int(),
  interestCents: z.number().int(),
  totalCents: z.number().int(),
  tenderedCents: z.number().int().nullable(),
  changeCents: z.number().int().nullable(),
  paymentMethodId: z.number().int(),
  paymentMethodName: z.string(),
  paidAt: Instant,
  notes: z.string().nullable(),
  receivedBy: z.number().int().nullable(),
  receivedByName: z.string().nullable(),
  reversedById: z.number().int().nullable(),
  reversalOfId: z.number().int().nullable(),
  reversalReason: z.string().nullable(),
  waivedReason: z.string().nullable(),
  createdAt: Instant,
});

export const Installment = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  code: z.string(),
  number: z.number().int(),
  count: z.number().int(),
  dueDate: z.string(),
  amountCents: z.number().int(),
  paidCents: z.number().int(),
  balanceCents: z.number().int(),
  finePaidCents: z.number().int(),
  interestPaidCents: z.number().int(),
  status: InstallmentStatus,
  customerId: z.number().int(),
  customerName: z.string(),
  orderId: z.number().int().nullable(),
  orderNumber: z.string().nullable(),
  version: z.number().int(),
});

export const Plan = z.object({
  id: z.number().int(),
  orderId: z.number().int().nullable(),
  orderNumber: z.string().nullable(),
  customerId: z.number().int(),
  customerName: z.string(),
  description: z.string().nullable(),
  downPaymentCents: z.number().int(),
  financedCents: z.number().int(),
  totalCents: z.number().int(),
  count: z.number().int(),
  firstDueDate: z.string(),
  intervalDays: z.number().int().nullable(),
  monthlyRatePercent: z.number(),
  status: PlanStatus,
  renegotiatedFromId: z.number().int().nullable(),
  /** The plan that replaced this one in a renegotiation. */
  renegotiatedToId: z.number().int().nullable(),
  cancelReason: z.string().nullable(),
  finePercent: z.number(),
  monthlyInterestPercent: z.number(),
  installments: z.array(Installment),
  createdAt: Instant,
  version: z.number().int(),
});

export const Charges = z.object({
  principalCents: z.number().int(),
  fineCents: z.number().int(),
  interestCents: z.number().int(),
  totalCents: z.number().int(),
  daysLate: z.number().int(),
});

const planTerms = {
  downPaymentCents: Cents.default(0),
  downPaymentMethodId: Id.optional(),
  count: z.number().int().min(1).max(48),
  firstDueDate: BusinessDate,
  intervalDays: z.number().int().min(1).max(365).nullable().optional(),
  monthlyRatePercent: z.number().min(0).max(20).default(0),
  /** Gerente/admin: open the plan even with overdue installments or over the credit limit. */
  override: z.boolean().default(false),
};

const installmentFilters = {
  customerId: Id.optional(),
  status: z.preprocess((v) => (typeof v === 'string' ? v.split(',') : v), z.array(InstallmentStatus).max(6)).optional(),
  dueFrom: BusinessDate.optional(),
  dueTo: BusinessDate.optional(),
  overdue: QueryBool.optional(),
};

const paymentFilters = {
  ...PageInput,
  from: BusinessDate.optional(),
  to: BusinessDate.optional(),
  paymentMethodId: Id.optional(),
  customerId: Id.optional(),
  receivedBy: Id.optional(),
};

const PaymentInput = {
  amountCents: z.number().int().min(1).max(10_000_000_000),
  paymentMethodId: Id,
  paidAt: InstantInput.optional(),
  notes: Clearable(Note(500)),
};

export const finance = {
  'payments.create': procedure({
    http: 'POST /api/orders/:id/payments',
    permission: 'payments.receive',
    summary:
      'Recebe um pagamento (total ou parcial) do pedido; em dinheiro, o troco é calculado e só o saldo é registrado.',
    status: 201,
    emits: 'payment.created',
    input: z.strictObject({ id: Id, ...PaymentInput, tenderedCents: Cents.optional() }),
    output: Payment,
  }),
  'payments.list': procedure({
    http: 'GET /api/payments',
    permission: 'payments.read',
    summary: 'Histórico financeiro com filtros e totais por forma de pagamento.',
    input: z.strictObject(paymentFilters),
    output: ListOf(Payment).extend({
      totalCents: z.number().int(),
      byMethod: z.array(
        z.object({
          paymentMethodId: z.number().int(),
          name: z.string(),
          totalCents: z.number().int(),
          count: z.number().int(),
        }),
      ),
    }),
  }),
  'payments.preferredMethod': procedure({
    http: 'GET /api/finance/preferred-payment-method',
    permission: 'payments.receive',
    summary:
      'A forma de pagamento que a loja mais usou nos últimos 90 dias (padrão dos recebimentos); sem histórico, Dinheiro.',
    input: z.strictObject({}),
    output: z.object({
      paymentMethodId: z.number().int().nullable(),
      /** Payments per active method in the window, most used first. */
      counts: z.array(z.object({ paymentMethodId: z.number().int(), count: z.number().int() })),
    }),
  }),
  'payments.get': procedure({
    http: 'GET /api/payments/:id',
    permission: 'payments.read',
    summary: 'Um pagamento.',
    input: z.strictObject({ id: Id }),
    output: Payment,
  }),
  'payments.reverse': procedure({
    http: 'POST /api/payments/:id/reverse',
    permission: 'payments.reverse',
    summary: 'Estorna um pagamento por um lançamento contrário; os dois ficam no histórico.',
    status: 201,
    emits: 'payment.reversed',
    input: z.strictObject({ id: Id, reason: Note(500) }),
    output: Payment,
  }),
  'finance.orderPayments': procedure({
    http: 'GET /api/orders/:id/payments',
    permission: 'payments.read',
    summary: 'Pagamentos de um pedido, com pago, saldo e situação.',
    input: z.strictObject({ id: Id }),
    output: z.object({
      items: z.array(Payment),
      totalCents: z.number().int(),
      paidCents: z.number().int(),
      balanceCents: z.number().int(),
      paymentState: PaymentState,
      /** Still owed on the order's active crediário plans (open installments, interest included). */
      creditOpenCents: z.number().int(),
      /** Crediários opened for this order, newest first. */
      plans: z.array(z.object({ id: z.number().int(), status: PlanStatus, reference: z.string() })),
    }),
  }),
  'finance.orderPix': procedure({
    http: 'GET /api/orders/:id/pix',
    permission: 'payments.read',
    summary: 'Pix copia-e-cola (BR Code) do saldo do pedido.',
    input: z.strictObject({ id: Id }),
    output: z.object({ payload: z.string(), amountCents: z.number().int() }),
  }),
  'plans.createForOrder': procedure({
    http: 'POST /api/orders/:id/installment-plan',
    permission: 'credit.write',
    summary: 'Abre um crediário para o saldo do pedido: entrada, parcelas (1–48), vencimentos e taxa.',
    status: 201,
    emits: 'plan.created',
    input: z.strictObject({ id: Id, ...planTerms }),
    output: Plan,
  }),
  'plans.createSale': procedure({
    http: 'POST /api/credit-sales',
    permission: 'credit.write',
    summary: 'Venda avulsa no crediário para um cliente (sem pedido).',
    status: 201,
    emits: 'plan.created',
    input: z.strictObject({
      customerId: Id,
      description: Note(300),
      totalCents: z.number().int().min(1).max(10_000_000_000),
      ...planTerms,
    }),
    output: Plan,
  }),
  'plans.simulate': procedure({
    http: 'POST /api/installment-plans/simulate',
    permission: 'credit.write',
    summary: 'Simula um crediário (parcelas, vencimentos e total) sem gravar nada.',
    write: false,
    input: z.strictObject({
      financedCents: z.number().int().min(1).max(10_000_000_000),
      count: planTerms.count,
      firstDueDate: BusinessDate,
      intervalDays: planTerms.intervalDays,
      monthlyRatePercent: planTerms.monthlyRatePercent,
    }),
    output: z.object({
      installments: z.array(z.object({ number: z.number().int(), dueDate: z.string(), amountCents: z.number().int() })),
      totalCents: z.number().int(),
    }),
  }),
  'plans.get': procedure({
    http: 'GET /api/installment-plans/:id',
    permission: 'credit.read',
    summary: 'Um crediário com as parcelas.',
    input: z.strictObject({ id: Id }),
    output: Plan,
  }),
  'plans.payoff': procedure({
    http: 'GET /api/installment-plans/:id/payoff',
    permission: 'credit.read',
    summary: 'Quanto quita o crediário numa data: parcelas futuras com juros reduzidos, vencidas com multa e juros.',
    input: z.strictObject({ id: Id, date: BusinessDate.optional() }),
    output: z.object({
      date: z.string(),
      /** The open installments added up, interest built into them included ("saldo das parcelas"). */
      installmentsCents: z.number().int(),
      /** Same as `installmentsCents` (its old, misleading name; kept for API clients). */
      principalCents: z.number().int(),
      /** The real open principal: what is left of the financed amount; the payoff never goes below it. */
      openPrincipalCents: z.number().int(),
      /** Interest of the installments not yet due: the discount never exceeds it. */
      futureInterestCents: z.number().int(),
      discountCents: z.number().int(),
      chargesCents: z.number().int(),
      totalCents: z.number().int(),
    }),
  }),
  'plans.settle': procedure({
    http: 'POST /api/installment-plans/:id/settle',
    permission: 'payments.receive',
    summary:
      'Quita o crediário pelo valor calculado hoje (data e valor da simulação são conferidos): um pagamento com recibo, parcelas pagas, crediário quitado.',
    status: 201,
    emits: 'payment.created',
    input: z.strictObject({
      id: Id,
      /** The date of the quote being accepted; must be today. */
      date: BusinessDate,
      /** The quoted total; refused if today's quote differs. */
      totalCents: z.number().int().min(1).max(10_000_000_000),
      paymentMethodId: Id,
      notes: Clearable(Text(500)),
    }),
    output: Payment,
  }),
  'plans.renegotiate': procedure({
    http: 'POST /api/installment-plans/:id/renegotiate',
    permission: 'credit.manage',
    summary: 'Renegocia: as parcelas em aberto viram um novo crediário; as antigas ficam como renegociadas.',
    status: 201,
    emits: 'plan.created',
    input: z.strictObject({
      id: Id,
      count: planTerms.count,
      firstDueDate: BusinessDate,
      intervalDays: planTerms.intervalDays,
      monthlyRatePercent: planTerms.monthlyRatePercent,
      includeCharges: z.boolean().default(true),
    }),
    output: Plan,
  }),
  'plans.cancel': procedure({
    http: 'POST /api/installment-plans/:id/cancel',
    permission: 'credit.manage',
    summary: 'Cancela um crediário (exige motivo); as parcelas em aberto ficam canceladas.',
    emits: 'plan.updated',
    input: z.strictObject({ id: Id, reason: Note(500), version: Version.optional() }),
    output: Plan,
  }),
  'installments.list': procedure({
    http: 'GET /api/installments',
    permission: 'credit.read',
    summary: 'Parcelas da loja ou de um cliente, com filtros de situação e vencimento.',
    input: z.strictObject({ ...PageInput, ...installmentFilters }),
    output: ListOf(Installment),
  }),
  'installments.charges': procedure({
    http: 'GET /api/installments/:id/charges',
    permission: 'credit.read',
    summary: 'O que a parcela custa numa data: principal, multa, juros e total.',
    input: z.strictObject({ id: Id, date: BusinessDate.optional() }),
    output: Charges,
  }),
  'installments.pay': procedure({
    http: 'POST /api/installments/:id/payments',
    permission: 'payments.receive',
    summary:
      'Recebe uma parcela (parcial ou total); multa e juros são quitados primeiro. Gerente pode dispensar encargos com motivo.',
    status: 201,
    emits: 'payment.created',
    input: z.strictObject({ id: Id, ...PaymentInput, waiveReason: Clearable(Note(300)) }),
    output: Payment,
  }),
  'installments.pix': procedure({
    http: 'GET /api/installments/:id/pix',
    permission: 'credit.read',
    summary: 'Pix copia-e-cola (BR Code) do valor da parcela hoje.',
    input: z.strictObject({ id: Id }),
    output: z.object({ payload: z.string(), amountCents: z.number().int() }),
  }),
  'installments.whatsapp': procedure({
    http: 'POST /api/installments/:id/whatsapp',
    permission: 'customers.interact',
    summary: 'Monta o link wa.me com a mensagem de cobrança e registra o envio nas interações do cliente.',
    input: z.strictObject({ id: Id }),
    output: z.object({ url: z.string(), message: z.string() }),
  }),
  'receivables.list': procedure({
    http: 'GET /api/receivables',
    permission: 'credit.read',
    summary: 'Contas a receber: parcelas em aberto e saldos de pedidos, por vencimento, com totais.',
    input: z.strictObject({
      from: BusinessDate.optional(),
      to: BusinessDate.optional(),
      limit: QueryInt(1, 5000).default(500),
    }),
    output: z.object({
      items: z.array(
        z.object({
          kind: z.enum(['parcela', 'pedido']),
          id: z.number().int(),
          /** The crediário of an installment (null for orders). */
          planId: z.number().int().nullable(),
          reference: z.string(),
          customerId: z.number().int(),
          customerName: z.string(),
          dueDate: z.string().nullable(),
          balanceCents: z.number().int(),
          overdue: z.boolean(),
        }),
      ),
      /** Totals are over everything open, not only the listed items. */
      totalCents: z.number().int(),
      overdueCents: z.number().int(),
      installmentsCents: z.number().int(),
      ordersCents: z.number().int(),
      /** How many open items there are in all (the list shows up to `limit` of each kind). */
      count: z.number().int(),
    }),
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
  'finance.customerStatement': procedure({
    http: 'GET /api/customers/:id/statement',
    permission: 'credit.read',
    summary: 'Extrato do cliente: pedidos, pagamentos, parcelas e saldo.',
    input: z.strictObject({ id: Id }),
    output: z.object({
      customerId: z.number().int(),
      customerName: z.string(),
      orders: z.array(
        z.object({
          id: z.number().int(),
          number: z.string(),
          entryDate: z.string(),
          totalCents: z.number().int(),
          paidCents: z.number().int(),
          balanceCents: z.number().int(),
          /** Still owed on the order's active crediário plans. */
          creditOpenCents: z.number().int(),
          orderStatus: OrderStatus,
          paymentState: PaymentState,
          /** Both in words, in pt-BR: "Pendente · No crediário". */
          status: z.string(),
        }),
      ),
      payments: z.array(Payment),
      installments: z.array(Installment),
      ordersBalanceCents: z.number().int(),
      installmentsBalanceCents: z.number().int(),
      balanceCents: z.number().int(),
      creditLimitCents: z.number().int().nullable(),
    }),
  }),
  'payments.receipt': procedure({
    http: 'GET /api/payments/:id/receipt.pdf',
    permission: 'payments.read',
    summary: 'Recibo do pagamento (PDF).',
    input: z.strictObject({ id: Id }),
    output: fileOutput('application/pdf'),
  }),
  'installments.promissoria': procedure({
    http: 'GET /api/installments/:id/promissoria.pdf',
    permission: 'credit.read',
    summary: 'Nota promissória da parcela (PDF).',
    input: z.strictObject({ id: Id }),
    output: fileOutput('application/pdf'),
  }),
  'plans.carne': procedure({
    http: 'GET /api/installment-plans/:id/carne.pdf',
    permission: 'credit.read',
    summary: 'Carnê do crediário, três parcelas por folha A4 (PDF).',
    input: z.strictObject({ id: Id }),
    output: fileOutput('application/pdf'),
  }),
  'payments.exportCsv': procedure({
    http: 'GET /api/payments/export.csv',
    permission: 'payments.read',
    summary: 'Histórico financeiro em CSV (mesmos filtros de GET /api/payments).',
    input: z.strictObject(paymentFilters),
    output: fileOutput('text/csv'),
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
  'installments.exportCsv': procedure({
    http: 'GET /api/installments/export.csv',
    permission: 'credit.read',
    summary:
      'Parcelas (promissórias) em CSV para o Excel (`;`, UTF-8 com BOM, dd/mm/aaaa, vírgula decimal), com os filtros da lista; ' +
      'o vendedor recebe só as dos seus clientes.',
    input: z.strictObject(installmentFilters),
    output: fileOutput(EXPORT_MIMES.csv),
  }),
  'installments.exportXlsx': procedure({
    http: 'GET /api/installments/export.xlsx',
    permission: 'credit.read',
    summary: 'Parcelas em planilha XLSX, com os filtros da lista.',
    input: z.strictObject(installmentFilters),
    output: fileOutput(EXPORT_MIMES.xlsx),
  }),
  'installments.importPreview': procedure({
    http: 'POST /api/installments/import/preview',
    permission: 'data.import',
    summary:
      'Lê um CSV de parcelas em aberto (de um carnê de papel ou de outro sistema: cliente, carnê, parcela, vencimento, valor) ' +
      'e mostra os problemas de cada linha. Não grava nada.',
    write: false,
    ...IMPORT_LIMITS,
    input: ImportInput,
    output: ImportPreview,
  }),
  'installments.import': procedure({
    http: 'POST /api/installments/import',
    permission: 'data.import',
    summary:
      'Importa parcelas em aberto como crediários (um por cliente e carnê); vencimentos passados entram atrasados, ' +
      'com multa e juros desde o vencimento. Tudo ou nada, ou pulando as linhas com problema; o mesmo carnê não entra duas vezes.',
    ...IMPORT_LIMITS,
    input: ImportInput,
    output: ImportResult,
  }),
  // --- docs: the shop's documents ---
  'plans.promissorias': procedure({
    http: 'GET /api/installment-plans/:id/promissorias.pdf',
    permission: 'credit.read',
    summary: 'Todas as notas promissórias do crediário num só PDF, uma por parcela, duas por folha A4.',
    input: z.strictObject({ id: Id }),
    output: fileOutput('application/pdf'),
  }),
};
