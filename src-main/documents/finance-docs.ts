import { formatDateBR, formatInstantBR } from '../../src-shared/domain/dates';
import { formatCep, formatDocument, formatPhone } from '../../src-shared/domain/documents';
import { centsInWords } from '../../src-shared/domain/extenso';
import { formatCents } from '../../src-shared/domain/money';
import { PAYMENT_STATE_LABELS } from '../../src-shared/domain/payment-state';
import { pixPayload } from '../../src-shared/domain/pix';
import { AppError } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { creditOpenOf, orderBalance, paymentState, paymentsQuery } from '../modules/finance/payments';
import { chargesOf } from '../modules/finance/plans';
import { getCreditSettings } from '../modules/settings/credit';
import { type CompanySettings, getSetting } from '../modules/settings/service';
import { drawQr, FONT, header, renderPdf, signatureLine } from './pdf';

/** What a document reads from: the database and the shop's clock (a procedure's `ctx`). */
export interface DocumentSource {
  db: Db;
  clock: Clock;
}

const money = (cents: number) => formatCents(cents).replace(/\u00a0/g, ' ');

async function company(app: DocumentSource) {
  const c = await getSetting<CompanySettings>(app.db, 'company');
  const credit = await getCreditSettings(app.db);
  return { name: c?.name ?? 'Balcão', city: credit.pixCity ?? '', credit };
}

async function customerOf(app: DocumentSource, id: number) {
  const c = await app.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const address = [
    c.street && `${c.street}${c.number ? `, ${c.number}` : ''}`,
    c.complement,
    c.district,
    c.city && `${c.city}${c.state ? `/${c.state}` : ''}`,
    c.cep && `CEP ${formatCep(c.cep)}`,
  ]
    .filter(Boolean)
    .join(' – ');
  return {
    ...c,
    docLabel: c.document
      ? `${c.document.length === 11 ? 'CPF' : 'CNPJ'} ${formatDocument(c.document)}`
      : 'sem documento',
    address,
  };
}

/** Recibo: company header, payer with CPF/CNPJ, amount in figures and words, what it pays, method, date, place, signature. */
export async function receiptPdf(app: DocumentSource, paymentId: number): Promise<Buffer> {
  const p = await paymentsQuery(app.db).where('payments.id', '=', paymentId).executeTakeFirst();
  if (!p) throw new AppError('NOT_FOUND', msg('payments.notFound'));
  const shop = await company(app);
  const payer = await customerOf(app, p.customer_id);
  const what = p.installmentCode
    ? `à parcela ${p.installmentCode}${p.orderNumber ? ` do pedido ${p.orderNumber}` : ''}`
    : p.kind === 'quitacao'
      ? `à quitação antecipada do crediário${p.orderNumber ? ` do pedido ${p.orderNumber}` : ''}`
      : p.kind === 'entrada'
        ? `à entrada do crediário${p.orderNumber ? ` do pedido ${p.orderNumber}` : ''}`
        : `ao pedido ${p.orderNumber ?? ''}`;
  const isReversal = p.reversal_of_id !== null;
  // What is still owed on the order, payable by Pix from the receipt itself.
  let pix: { payload: string; amountCents: number } | null = null;
  const order =
    p.order_id === null
      ? undefined
      : await app.db
          .selectFrom('orders')
          .select(['id', 'number', 'total_cents', 'paid_cents', 'financed_cents'])
          .where('id', '=', p.order_id)
          .executeTakeFirst();
  // Where the order stands now, in the same words as every screen.
  let orderState: string | null = null;
  if (order) {
    const creditOpen = await creditOpenOf(app.db, order);
    const state = paymentState(order, creditOpen);
    orderState = `Situação do pedido ${order.number}: ${PAYMENT_STATE_LABELS[state]}${
      state === 'no_crediario' ? ` (${money(creditOpen)} a receber no crediário)` : ''
    }.`;
  }
  if (order && shop.credit.pixKey && !p.installment_id) {
    const balance = orderBalance(order);
    if (balance > 0) {
      pix = {
        amountCents: balance,
        payload: pixPayload({
          key: shop.credit.pixKey,
          merchantName: shop.name,
          merchantCity: shop.city || 'Brasil',
          amountCents: balance,
          txid: `PED${order.number}`,
          description: `Pedido ${order.number}`,
        }),
      };
    }
  }
  const total = Math.abs(p.total_cents);
  return renderPdf(`Recibo ${p.receipt_number}`, (doc) => {
    header(doc, shop.name, isReversal ? 'Estorno de recibo' : 'Recibo de pagamento');
    doc
      .font(FONT.bold)
      .fontSize(14)
      .text(`RECIBO Nº ${p.receipt_number}`, { continued: true })
      .text(`   ${money(total)}`, { align: 'right' });
    doc.moveDown();
    doc.font(FONT.regular).fontSize(11);
    doc.text(
      `${isReversal ? 'Estornamos a' : 'Recebemos de'} ${payer.name} (${payer.docLabel}) a importância de ${money(total)} (${centsInWords(total)}), ` +
        `referente ${what}.`,
      { align: 'justify' },
    );
    doc.moveDown(0.6);
    if (p.fine_cents || p.interest_cents) {
      doc.text(
        `Principal: ${money(Math.abs(p.amount_cents))}   Multa: ${money(Math.abs(p.fine_cents))}   Juros de mora: ${money(Math.abs(p.interest_cents))}`,
      );
    }
    if (p.change_cents) doc.text(`Valor entregue: ${money(p.tendered_cents ?? 0)}   Troco: ${money(p.change_cents)}`);
    doc.text(`Forma de pagamento: ${p.methodName}`);
    if (p.waived_reason) doc.text(`Encargos dispensados: ${p.waived_reason}`);
    if (p.reversal_reason) doc.text(`Motivo do estorno: ${p.reversal_reason}`);
    if (p.notes) doc.text(`Observações: ${p.notes}`);
    if (orderState) doc.text(orderState);
    if (payer.address) doc.text(`Endereço do pagador: ${payer.address}`);
    doc.moveDown();
    doc.text(`${shop.city ? `${shop.city}, ` : ''}${formatInstantBR(p.paid_at, app.clock.timeZone)}.`);
    if (p.receiverName) doc.text(`Recebido por: ${p.receiverName}`);
    signatureLine(doc, shop.name, doc.y + 60);
    if (pix) {
      const y = doc.y + 30;
      doc
        .fontSize(10)
        .text(`Saldo a pagar do pedido: ${money(pix.amountCents)} — pague com Pix:`, doc.page.margins.left, y);
      drawQr(doc, pix.payload, doc.page.margins.left, y + 16, 120);
      doc.fontSize(7).text(pix.payload, doc.page.margins.left + 130, y + 24, { width: 330 });
    }
  });
}

const EMPTY_LINE = '______________________________';

/** Nota promissória in the usual layout: number, due date, value in figures and words, emitente, beneficiário, praça, date, signature. */
export async function promissoryPdf(app: DocumentSource, installmentId: number): Promise<Buffer> {
  const i = await app.db
    .selectFrom('installments')
    .innerJoin('installment_plans', 'installment_plans.id', 'installments.plan_id')
    .selectAll('installments')
    .select([
      'installment_plans.created_at as planCreatedAt',
      'installment_plans.fine_percent',
      'installment_plans.monthly_interest_percent',
    ])
    .where('installments.id', '=', installmentId)
    .executeTakeFirst();
  if (!i) throw new AppError('NOT_FOUND', msg('installments.notFound'));
  const shop = await company(app);
  const c = await customerOf(app, i.customer_id);
  return renderPdf(`Nota promissória ${i.code}`, (doc) => {
    const x = doc.page.margins.left;
    const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    doc.rect(x, 40, w, 330).stroke();
    doc
      .font(FONT.bold)
      .fontSize(18)
      .text('NOTA PROMISSÓRIA', x + 14, 54);
    doc.fontSize(11).text(`Nº ${i.code}`, x + 14, 80);
    doc.text(`Vencimento: ${formatDateBR(i.due_date)}`, x + w / 2, 58, { width: w / 2 - 14, align: 'right' });
    doc.fontSize(16).text(money(i.amount_cents), x + w / 2, 78, { width: w / 2 - 14, align: 'right' });
    doc.font(FONT.regular).fontSize(11);
    doc.text(
      `No dia ${formatDateBR(i.due_date)} pagarei por esta única via de NOTA PROMISSÓRIA a ${shop.name}, ou à sua ordem, ` +
        `a quantia de ${money(i.amount_cents)} (${centsInWords(i.amount_cents)}), em moeda corrente deste país.`,
      x + 14,
      112,
      { width: w - 28, align: 'justify' },
    );
    doc.moveDown(0.6);
    doc.text(`Pagável em: ${shop.city || EMPTY_LINE}`, { width: w - 28 });
    doc.text(
      `Em caso de atraso: multa de ${String(i.fine_percent).replace('.', ',')}% e juros de mora de ${String(i.monthly_interest_percent).replace('.', ',')}% ao mês, pro rata die.`,
      { width: w - 28 },
    );
    doc.moveDown(0.6);
    doc.font(FONT.bold).text('Emitente: ', { continued: true }).font(FONT.regular).text(`${c.name} — ${c.docLabel}`);
    doc.text(`Endereço: ${c.address || EMPTY_LINE}`, { width: w - 28 });
    if (c.phone) doc.text(`Telefone: ${formatPhone(c.phone)}`);
    doc.font(FONT.bold).text('Beneficiário: ', { continued: true }).font(FONT.regular).text(shop.name);
    doc.text(`${shop.city ? `${shop.city}, ` : ''}${formatDateBR(i.planCreatedAt.slice(0, 10))}.`);
    signatureLine(doc, `Assinatura do emitente — ${c.name}`, 335);
  });
}

/** Carnê: every installment of a plan as tear-off slips, three per A4 page, with Pix when configured. */
export async function carnePdf(app: DocumentSource, planId: number): Promise<Buffer> {
  const plan = await app.db.selectFrom('installment_plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new AppError('NOT_FOUND', msg('plans.notFound'));
  const rows = await app.db
    .selectFrom('installments')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('number')
    .execute();
  const shop = await company(app);
  const c = await customerOf(app, plan.customer_id);
  const today = app.clock.today();
  return renderPdf(`Carnê ${plan.reference}`, (doc) => {
    const x = doc.page.margins.left;
    const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    const slipH = (doc.page.height - 80) / 3;
    rows.forEach((i, k) => {
      if (k > 0 && k % 3 === 0) doc.addPage();
      const y = 40 + (k % 3) * slipH;
      if (k % 3 > 0)
        doc
          .save()
          .dash(4, { space: 4 })
          .moveTo(x, y - 4)
          .lineTo(x + w, y - 4)
          .stroke()
          .undash()
          .restore();
      doc.rect(x, y, w, slipH - 12).stroke();
      doc
        .font(FONT.bold)
        .fontSize(12)
        .text(shop.name, x + 10, y + 10, { width: w - 160 });
      doc
        .font(FONT.regular)
        .fontSize(9)
        .text(`Carnê ${plan.reference} — ${plan.description ?? ''}`, x + 10, y + 28, { width: w - 160 });
      doc
        .fontSize(11)
        .font(FONT.bold)
        .text(`Parcela ${i.number}/${i.count}  (${i.code})`, x + 10, y + 48);
      doc.font(FONT.regular).text(`Vencimento: ${formatDateBR(i.due_date)}`, x + 10, y + 66);
      doc
        .font(FONT.bold)
        .fontSize(14)
        .text(money(i.amount_cents), x + 10, y + 84);
      doc
        .font(FONT.regular)
        .fontSize(9)
        .text(`(${centsInWords(i.amount_cents)})`, x + 10, y + 104, { width: w - 170 });
      doc.text(`Cliente: ${c.name} — ${c.docLabel}`, x + 10, y + 124, { width: w - 170 });
      doc.text(
        `Após o vencimento: multa de ${String(plan.fine_percent).replace('.', ',')}% e juros de mora de ${String(plan.monthly_interest_percent).replace('.', ',')}% ao mês (pro rata die).`,
        x + 10,
        y + 138,
        { width: w - 170 },
      );
      if (i.paid_cents >= i.amount_cents)
        doc
          .font(FONT.bold)
          .fillColor('#0a7a2f')
          .text('PAGA', x + 10, y + 160)
          .fillColor('#000000')
          .font(FONT.regular);
      if (shop.credit.pixKey && i.paid_cents < i.amount_cents) {
        const due = chargesOf(i, plan, shop.credit, today);
        const payload = pixPayload({
          key: shop.credit.pixKey,
          merchantName: shop.name,
          merchantCity: shop.city || 'Brasil',
          amountCents: due.totalCents,
          txid: i.code,
          description: `Parcela ${i.code}`,
        });
        drawQr(doc, payload, x + w - 150, y + 10, 140);
        doc.fontSize(7).text('Pix copia e cola:', x + w - 150, y + 152, { width: 140 });
        doc.fontSize(5).text(payload, x + w - 150, y + 162, { width: 140 });
      }
    });
  });
}
