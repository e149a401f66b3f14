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
import { companyForDocuments } from '../modules/settings/company';
import { getCreditSettings } from '../modules/settings/credit';
import { companyHeader, type Doc, drawQr, FONT, fitLine, renderPdf, signatureLine } from './pdf';

/** What a document reads from: the database and the shop's clock (a procedure's `ctx`). */
export interface DocumentSource {
  db: Db;
  clock: Clock;
}

const money = (cents: number) => formatCents(cents).replace(/\u00a0/g, ' ');

/** The company profile (header, logo), its Pix city and place, and the crediário rules. */
async function company(app: DocumentSource) {
  const doc = await companyForDocuments(app.db);
  const credit = await getCreditSettings(app.db);
  const p = doc.profile;
  return {
    doc,
    name: p.name,
    /** Where documents are dated and promissórias payable (praça): the profile's place, else its city. */
    city: p.promissoryPlace ?? (p.city ? `${p.city}${p.state ? `/${p.state}` : ''}` : ''),
    pixCity: p.pixCity ?? p.city ?? 'Brasil',
    credit,
  };
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
          merchantCity: shop.pixCity,
          amountCents: balance,
          txid: `PED${order.number}`,
          description: `Pedido ${order.number}`,
        }),
      };
    }
  }
  const total = Math.abs(p.total_cents);
  return renderPdf(`Recibo ${p.receipt_number}`, (doc) => {
    companyHeader(doc, shop.doc, isReversal ? 'Estorno de recibo' : 'Recibo de pagamento', {
      subtitle: formatInstantBR(p.paid_at, app.clock.timeZone),
    });
    // Number and amount on one line, each in its own measured box (a `continued` text aligned right
    // ran past the margin in Chromium's viewer).
    const x = doc.page.margins.left;
    const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    const top = doc.y;
    doc.font(FONT.bold).fontSize(14);
    const amount = money(total);
    const amountW = Math.min(doc.widthOfString(amount) + 4, w / 2);
    doc.text(fitLine(doc, `RECIBO Nº ${p.receipt_number}`, w - amountW - 10), x, top, { lineBreak: false });
    doc.text(amount, x + w - amountW, top, { width: amountW, align: 'right', lineBreak: false });
    doc.x = x;
    doc.y = top + 20;
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

type Shop = Awaited<ReturnType<typeof company>>;
type Customer = Awaited<ReturnType<typeof customerOf>>;
interface NoteInstallment {
  code: string;
  due_date: string;
  amount_cents: number;
  planCreatedAt: string;
  fine_percent: number;
  monthly_interest_percent: number;
}

/** Height of one nota promissória: two fit on an A4 page. */
const NOTE_H = 372;

/**
 * One nota promissória at `top`, in the usual layout: the company header, number, due date, value
 * in figures and words, emitente, beneficiário, praça, date, signature. Every line is fitted to the box.
 */
function drawPromissory(doc: Doc, shop: Shop, c: Customer, i: NoteInstallment, top: number): void {
  const x = doc.page.margins.left;
  const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const inner = w - 24;
  doc.rect(x, top, w, NOTE_H - 12).stroke();
  const y = companyHeader(doc, shop.doc, '', { x: x + 12, y: top + 10, width: inner }) - 2;
  doc
    .font(FONT.bold)
    .fontSize(16)
    .text('NOTA PROMISSÓRIA', x + 12, y, { width: inner / 2, lineBreak: false });
  doc.fontSize(11).text(fitLine(doc, `Nº ${i.code}`, inner / 2), x + 12, y + 22, { lineBreak: false });
  doc.text(`Vencimento: ${formatDateBR(i.due_date)}`, x + 12 + inner / 2, y + 2, {
    width: inner / 2,
    align: 'right',
    lineBreak: false,
  });
  doc.fontSize(15).text(money(i.amount_cents), x + 12 + inner / 2, y + 20, {
    width: inner / 2,
    align: 'right',
    lineBreak: false,
  });
  doc.font(FONT.regular).fontSize(9.5);
  doc.text(
    `No dia ${formatDateBR(i.due_date)} pagarei por esta única via de NOTA PROMISSÓRIA a ${shop.name}, ou à sua ordem, ` +
      `a quantia de ${money(i.amount_cents)} (${centsInWords(i.amount_cents)}), em moeda corrente deste país.`,
    x + 12,
    y + 42,
    { width: inner, align: 'justify' },
  );
  doc.moveDown(0.4);
  const line = (text: string) => doc.text(fitLine(doc, text, inner), x + 12, doc.y, { width: inner, lineBreak: false });
  line(`Pagável em: ${shop.city || EMPTY_LINE}`);
  doc.text(
    `Em caso de atraso: multa de ${String(i.fine_percent).replace('.', ',')}% e juros de mora de ${String(i.monthly_interest_percent).replace('.', ',')}% ao mês, pro rata die.`,
    x + 12,
    doc.y,
    { width: inner },
  );
  doc.moveDown(0.4);
  line(`Emitente: ${c.name} — ${c.docLabel}`);
  doc.text(`Endereço: ${c.address || EMPTY_LINE}`, x + 12, doc.y, { width: inner, height: 24, ellipsis: true });
  if (c.phone) line(`Telefone: ${formatPhone(c.phone)}`);
  const shopDoc = shop.doc.profile.document;
  line(
    `Beneficiário: ${shop.name}${shopDoc ? ` — ${shopDoc.length === 11 ? 'CPF' : 'CNPJ'} ${formatDocument(shopDoc)}` : ''}`,
  );
  line(`${shop.city ? `${shop.city}, ` : ''}${formatDateBR(i.planCreatedAt.slice(0, 10))}.`);
  signatureLine(doc, fitLine(doc.fontSize(9), `Assinatura do emitente — ${c.name}`, w - 240), top + NOTE_H - 40);
}

const noteQuery = (app: DocumentSource) =>
  app.db
    .selectFrom('installments')
    .innerJoin('installment_plans', 'installment_plans.id', 'installments.plan_id')
    .selectAll('installments')
    .select([
      'installment_plans.created_at as planCreatedAt',
      'installment_plans.fine_percent',
      'installment_plans.monthly_interest_percent',
    ]);

/** Nota promissória of one installment (one note on an A4 page). */
export async function promissoryPdf(app: DocumentSource, installmentId: number): Promise<Buffer> {
  const i = await noteQuery(app).where('installments.id', '=', installmentId).executeTakeFirst();
  if (!i) throw new AppError('NOT_FOUND', msg('installments.notFound'));
  const shop = await company(app);
  const c = await customerOf(app, i.customer_id);
  return renderPdf(`Nota promissória ${i.code}`, (doc) => drawPromissory(doc, shop, c, i, doc.page.margins.top));
}

/** Every nota promissória of a plan in one PDF, one note per installment, two per A4 page. */
export async function planPromissoriesPdf(app: DocumentSource, planId: number): Promise<Buffer> {
  const plan = await app.db
    .selectFrom('installment_plans')
    .select(['id', 'reference', 'customer_id'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw new AppError('NOT_FOUND', msg('plans.notFound'));
  const rows = await noteQuery(app).where('installments.plan_id', '=', planId).orderBy('installments.number').execute();
  const shop = await company(app);
  const c = await customerOf(app, plan.customer_id);
  return renderPdf(`Notas promissórias ${plan.reference}`, (doc) => {
    rows.forEach((i, k) => {
      if (k > 0 && k % 2 === 0) doc.addPage();
      const top = doc.page.margins.top + (k % 2) * (NOTE_H + 6);
      if (k % 2 === 1)
        doc
          .save()
          .dash(4, { space: 4 })
          .moveTo(doc.page.margins.left, top - 9)
          .lineTo(doc.page.width - doc.page.margins.right, top - 9)
          .stroke()
          .undash()
          .restore();
      drawPromissory(doc, shop, c, i, top);
    });
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
      companyHeader(doc, shop.doc, '', { x: x + 10, y: y + 8, width: w - 170, compact: true, rule: false });
      doc
        .font(FONT.regular)
        .fontSize(9)
        .text(fitLine(doc, `Carnê ${plan.reference} — ${plan.description ?? ''}`, w - 170), x + 10, y + 36, {
          width: w - 170,
          lineBreak: false,
        });
      doc
        .fontSize(11)
        .font(FONT.bold)
        .text(`Parcela ${i.number}/${i.count}  (${i.code})`, x + 10, y + 54);
      doc.font(FONT.regular).text(`Vencimento: ${formatDateBR(i.due_date)}`, x + 10, y + 71);
      doc
        .font(FONT.bold)
        .fontSize(14)
        .text(money(i.amount_cents), x + 10, y + 88);
      doc
        .font(FONT.regular)
        .fontSize(9)
        .text(`(${centsInWords(i.amount_cents)})`, x + 10, y + 108, { width: w - 170 });
      doc.text(fitLine(doc, `Cliente: ${c.name} — ${c.docLabel}`, w - 170), x + 10, y + 132, { lineBreak: false });
      doc.text(
        `Após o vencimento: multa de ${String(plan.fine_percent).replace('.', ',')}% e juros de mora de ${String(plan.monthly_interest_percent).replace('.', ',')}% ao mês (pro rata die).`,
        x + 10,
        y + 146,
        { width: w - 170 },
      );
      if (i.paid_cents >= i.amount_cents)
        doc
          .font(FONT.bold)
          .fillColor('#0a7a2f')
          .text('PAGA', x + 10, y + 172)
          .fillColor('#000000')
          .font(FONT.regular);
      if (shop.credit.pixKey && i.paid_cents < i.amount_cents) {
        const due = chargesOf(i, plan, shop.credit, today);
        const payload = pixPayload({
          key: shop.credit.pixKey,
          merchantName: shop.name,
          merchantCity: shop.pixCity,
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
