import type { finance } from '../../../src-shared/contract/finance';
import type { FileBody } from '../../../src-shared/contract/procedure';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { formatCents } from '../../../src-shared/domain/money';
import { pixPayload } from '../../../src-shared/domain/pix';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import { delinquencyCsv, paymentsCsv } from '../../documents/finance-csv';
import { carnePdf, planPromissoriesPdf, promissoryPdf, receiptPdf } from '../../documents/finance-docs';
import { previewImport, runImport } from '../../documents/import';
import type { Implementation, ProcCtx } from '../../rpc/context';
import { requireUser } from '../../rpc/context';
import { addInteraction } from '../customers/service';
import { orderNotFound } from '../orders/errors';
import { getCompanyProfile } from '../settings/company';
import { getCreditSettings } from '../settings/credit';
import {
  creditOpenOf,
  loadPayment,
  orderBalance,
  paymentState,
  paymentsQuery,
  payOrder,
  reversePayment,
  toPayment,
} from './payments';
import {
  cancelPlan,
  chargesOf,
  createPlanForOrder,
  createSale,
  installmentCharges,
  installmentsQuery,
  loadPlan,
  payInstallment,
  payoffQuote,
  renegotiate,
  settlePlan,
  simulate,
  toInstallment,
} from './plans';
import { delinquency, listPayments, preferredMethod, receivables, statement } from './reports';
import { assertCustomerInScope, assertRecordInScope } from './scope';
import { exportInstallments, filterInstallments, installmentImport } from './transfer';

async function pixFor(ctx: ProcCtx, amountCents: number, reference: string, description: string) {
  const settings = await getCreditSettings(ctx.db);
  if (!settings.pixKey) throw new AppError('BUSINESS_RULE', msg('finance.pixKeyMissing'));
  const company = await getCompanyProfile(ctx.db);
  return {
    payload: pixPayload({
      key: settings.pixKey,
      merchantName: company.name,
      merchantCity: settings.pixCity ?? company.city ?? 'Brasil',
      amountCents,
      txid: reference,
      description,
    }),
    amountCents,
  };
}

/** A PDF answer, shown by the browser's own viewer. */
const pdf = (filename: string, body: Buffer): FileBody => ({
  file: true,
  mime: 'application/pdf',
  filename,
  disposition: 'inline',
  body,
});

async function loadInstallment(ctx: ProcCtx, id: number) {
  const row = await installmentsQuery(ctx.db).where('installments.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', msg('installments.notFound'));
  return row;
}

export const financeProcedures = {
  'payments.create': async (input, ctx) => {
    await assertRecordInScope(ctx, 'orders', input.id);
    return payOrder(ctx, input);
  },
  'payments.list': (input, ctx) => listPayments(ctx, input),
  'payments.preferredMethod': (_input, ctx) => preferredMethod(ctx),
  'payments.get': async (input, ctx) => {
    const payment = await loadPayment(ctx.db, input.id);
    await assertCustomerInScope(ctx, payment.customerId);
    return payment;
  },
  'payments.reverse': async (input, ctx) => {
    await assertRecordInScope(ctx, 'payments', input.id);
    return reversePayment(ctx, input.id, input.reason);
  },
  'finance.orderPayments': async (input, ctx) => {
    await assertRecordInScope(ctx, 'orders', input.id);
    const order = await ctx.db
      .selectFrom('orders')
      .select(['id', 'total_cents', 'paid_cents', 'financed_cents'])
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!order) throw orderNotFound(input.id);
    const rows = await paymentsQuery(ctx.db).where('payments.order_id', '=', order.id).orderBy('payments.id').execute();
    const plans = await ctx.db
      .selectFrom('installment_plans')
      .select(['id', 'status', 'reference'])
      .where('order_id', '=', order.id)
      .orderBy('id', 'desc')
      .execute();
    const creditOpenCents = await creditOpenOf(ctx.db, order);
    return {
      plans: plans.map((p) => ({ id: p.id, status: p.status as 'ativo', reference: p.reference })),
      items: rows.map((r) => toPayment(r as Parameters<typeof toPayment>[0])),
      totalCents: order.total_cents,
      paidCents: order.paid_cents,
      balanceCents: orderBalance(order),
      paymentState: paymentState(order, creditOpenCents),
      creditOpenCents,
    };
  },
  'finance.orderPix': async (input, ctx) => {
    await assertRecordInScope(ctx, 'orders', input.id);
    const order = await ctx.db
      .selectFrom('orders')
      .select(['number', 'total_cents', 'paid_cents', 'financed_cents'])
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!order) throw orderNotFound(input.id);
    const balance = orderBalance(order);
    if (balance <= 0) throw new AppError('BUSINESS_RULE', msg('finance.noBalance', { number: order.number }));
    return pixFor(ctx, balance, `PED${order.number}`, `Pedido ${order.number}`);
  },
  'plans.createForOrder': async (input, ctx) => {
    await assertRecordInScope(ctx, 'orders', input.id);
    return createPlanForOrder(ctx, input);
  },
  'plans.createSale': (input, ctx) => createSale(ctx, input),
  'plans.simulate': (input) => simulate(input),
  'plans.get': async (input, ctx) => {
    await assertRecordInScope(ctx, 'installment_plans', input.id);
    return loadPlan(ctx.db, input.id, ctx.clock.today());
  },
  'plans.payoff': async (input, ctx) => {
    await assertRecordInScope(ctx, 'installment_plans', input.id);
    return payoffQuote(ctx, input.id, input.date);
  },
  'plans.settle': async (input, ctx) => {
    await assertRecordInScope(ctx, 'installment_plans', input.id);
    return settlePlan(ctx, input);
  },
  'plans.renegotiate': async (input, ctx) => {
    await assertRecordInScope(ctx, 'installment_plans', input.id);
    return renegotiate(ctx, input);
  },
  'plans.cancel': async (input, ctx) => {
    await assertRecordInScope(ctx, 'installment_plans', input.id);
    return cancelPlan(ctx, input);
  },
  'installments.list': async (input, ctx) => {
    const today = ctx.clock.today();
    const q = filterInstallments(ctx, input, today);
    const count = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .orderBy('installments.due_date')
      .orderBy('installments.id')
      .limit(input.perPage)
      .offset((input.page - 1) * input.perPage)
      .execute();
    return {
      items: rows.map((r) => toInstallment(r as Parameters<typeof toInstallment>[0], today)),
      total: Number(count.n),
      page: input.page,
      perPage: input.perPage,
    };
  },
  'installments.charges': async (input, ctx) => {
    await assertRecordInScope(ctx, 'installments', input.id);
    return installmentCharges(ctx, input.id, input.date);
  },
  'installments.pay': async (input, ctx) => {
    await assertRecordInScope(ctx, 'installments', input.id);
    return payInstallment(ctx, input);
  },
  'installments.pix': async (input, ctx) => {
    const i = await loadInstallment(ctx, input.id);
    await assertCustomerInScope(ctx, i.customer_id);
    const charges = await installmentCharges(ctx, i.id);
    if (charges.totalCents <= 0) throw new AppError('BUSINESS_RULE', msg('installments.alreadyPaid', { code: i.code }));
    return pixFor(ctx, charges.totalCents, i.code.replace(/[^A-Za-z0-9]/g, ''), `Parcela ${i.code}`);
  },
  'installments.whatsapp': async (input, ctx) => {
    const user = requireUser(ctx);
    const i = await loadInstallment(ctx, input.id);
    await assertCustomerInScope(ctx, i.customer_id);
    const customer = await ctx.db
      .selectFrom('customers')
      .select(['name', 'whatsapp', 'phone'])
      .where('id', '=', i.customer_id)
      .executeTakeFirstOrThrow();
    const phone = customer.whatsapp ?? customer.phone;
    if (!phone) throw new AppError('BUSINESS_RULE', msg('finance.noPhone', { name: customer.name }));
    const charges = await installmentCharges(ctx, i.id);
    const settings = await getCreditSettings(ctx.db);
    let pix = '';
    if (settings.pixKey && charges.totalCents > 0) {
      const p = await pixFor(ctx, charges.totalCents, i.code.replace(/[^A-Za-z0-9]/g, ''), `Parcela ${i.code}`);
      pix = `\n\nPix copia e cola:\n${p.payload}`;
    }
    const first = customer.name.split(' ')[0];
    const late =
      charges.daysLate > 0
        ? ` (vencida em ${formatDateBR(i.due_date)}, com multa e juros)`
        : ` com vencimento em ${formatDateBR(i.due_date)}`;
    const message = `Olá, ${first}! Lembrete da parcela ${i.code} no valor de ${formatCents(charges.totalCents)}${late}.${pix}`;
    const url = `https://wa.me/55${phone}?text=${encodeURIComponent(message)}`;
    await addInteraction(ctx, {
      customerId: i.customer_id,
      kind: 'whatsapp',
      notes: `Cobrança da parcela ${i.code} enviada pelo WhatsApp (${formatCents(charges.totalCents)}).`,
    });
    ctx.emit({ type: 'customer.interaction.created', id: i.customer_id, version: null, by: user.id });
    return { url, message };
  },
  'receivables.list': (input, ctx) => receivables(ctx, input),
  'reports.delinquency': (input, ctx) => delinquency(ctx, input),
  'finance.customerStatement': async (input, ctx) => {
    await assertCustomerInScope(ctx, input.id);
    return statement(ctx, input.id);
  },
  'payments.receipt': async (input, ctx) => {
    await assertRecordInScope(ctx, 'payments', input.id);
    return pdf(`recibo-${input.id}.pdf`, await receiptPdf(ctx, input.id));
  },
  'installments.promissoria': async (input, ctx) => {
    await assertRecordInScope(ctx, 'installments', input.id);
    return pdf(`promissoria-${input.id}.pdf`, await promissoryPdf(ctx, input.id));
  },
  'plans.carne': async (input, ctx) => {
    await assertRecordInScope(ctx, 'installment_plans', input.id);
    return pdf(`carne-${input.id}.pdf`, await carnePdf(ctx, input.id));
  },
  'payments.exportCsv': (input, ctx) => paymentsCsv(ctx, input),
  'reports.delinquencyCsv': (input, ctx) => delinquencyCsv(ctx, input),
  'installments.exportCsv': (input, ctx) => exportInstallments(ctx, input, 'csv'),
  'installments.exportXlsx': (input, ctx) => exportInstallments(ctx, input, 'xlsx'),
  'installments.importPreview': (input, ctx) => previewImport(ctx, installmentImport, input),
  'installments.import': (input, ctx) => runImport(ctx, installmentImport, input),
  // --- docs ---
  'plans.promissorias': async (input, ctx) => {
    await assertRecordInScope(ctx, 'installment_plans', input.id);
    return pdf(`promissorias-${input.id}.pdf`, await planPromissoriesPdf(ctx, input.id));
  },
} satisfies Implementation<typeof finance>;

export { chargesOf };
