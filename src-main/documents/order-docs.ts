import fs from 'node:fs/promises';
import sharp from 'sharp';
import { addDays } from '../../src-shared/domain/credit';
import { formatDateBR } from '../../src-shared/domain/dates';
import { formatPhone } from '../../src-shared/domain/documents';
import { formatMeasureMm } from '../../src-shared/domain/measures';
import { formatCents } from '../../src-shared/domain/money';
import { STATUS_LABELS } from '../../src-shared/domain/order-status';
import { can } from '../../src-shared/permissions';
import { customerFinanceScope } from '../modules/finance/scope';
import { mediaPaths } from '../modules/orders/images';
import { loadOrder, type OrderOut } from '../modules/orders/queries';
import { companyForDocuments, type DocumentCompany } from '../modules/settings/company';
import type { ProcCtx } from '../rpc/context';
import { companyHeader, type Doc, FONT, fitLine, renderPdf, signatureLine } from './pdf';

export type OrderDocumentKind = 'orcamento' | 'os';

const money = (cents: number) => formatCents(cents).replace(/\u00a0/g, ' ');

/**
 * Whether this user's copy of an order's document carries prices: the same rule as the order's
 * JSON (`money.read`, and for a seller only their own customers' orders — `customerFinance`).
 */
export async function documentShowsMoney(ctx: Pick<ProcCtx, 'db' | 'user'>, customerId: number): Promise<boolean> {
  const user = ctx.user;
  if (!user) return true;
  if (!can(user.role, 'money.read')) return false;
  if (can(user.role, 'finance.shop')) return true;
  return (await customerFinanceScope.own({ db: ctx.db, user }, [customerId])).has(customerId);
}

interface ItemLine {
  item: OrderOut['items'][number];
  material: string | null;
  finish: string | null;
  thumb: Buffer | null;
}

/** The item's first image as a small JPEG (pdfkit prints JPEG and PNG, the thumbnails are WebP). */
async function thumbOf(mediaDir: string, item: OrderOut['items'][number]): Promise<Buffer | null> {
  const image = item.images[0];
  if (!image) return null;
  try {
    const { thumb } = mediaPaths(mediaDir, image.mediaId);
    const bytes = await fs.readFile(thumb);
    return await sharp(bytes).flatten({ background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer();
  } catch {
    return null; // a missing or unreadable file leaves the item without its picture, never the document
  }
}

async function itemLines(ctx: DocumentCtx, order: OrderOut): Promise<ItemLine[]> {
  const ids = (table: 'materials' | 'finishes', key: 'materialId' | 'finishId') =>
    ctx.db
      .selectFrom(table)
      .select(['id', 'name'])
      .where(
        'id',
        'in',
        [...new Set(order.items.map((i) => i[key]).filter((v): v is number => v !== null))].concat([0]),
      )
      .execute()
      .then((rows) => new Map(rows.map((r) => [r.id, r.name])));
  const [materials, finishes] = await Promise.all([ids('materials', 'materialId'), ids('finishes', 'finishId')]);
  return Promise.all(
    order.items.map(async (item) => ({
      item,
      material: item.materialId === null ? null : (materials.get(item.materialId) ?? null),
      finish: item.finishId === null ? null : (finishes.get(item.finishId) ?? null),
      thumb: await thumbOf(ctx.services.mediaDir, item),
    })),
  );
}

const sizeOf = (i: OrderOut['items'][number]) =>
  i.widthMm && i.heightMm
    ? `${formatMeasureMm(i.widthMm)} × ${formatMeasureMm(i.heightMm)}`
    : i.widthMm
      ? formatMeasureMm(i.widthMm)
      : null;

/** Draws the items table; prices only when `showMoney`. Pages break between rows, the header repeated. */
function drawItems(doc: Doc, lines: ItemLine[], showMoney: boolean): void {
  const x = doc.page.margins.left;
  const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const thumbW = 46;
  const qtyW = 44;
  const priceW = showMoney ? 78 : 0;
  const descW = w - thumbW - qtyW - priceW * 2 - 16;
  const cols = {
    thumb: x,
    desc: x + thumbW + 6,
    qty: x + thumbW + 6 + descW + 4,
    unit: x + w - priceW * 2,
    total: x + w - priceW,
  };
  const head = () => {
    const y = doc.y;
    doc.font(FONT.bold).fontSize(8).fillColor('#555555');
    doc.text('Item', cols.desc, y, { width: descW, lineBreak: false });
    doc.text('Qtd.', cols.qty, y, { width: qtyW, align: 'right', lineBreak: false });
    if (showMoney) {
      doc.text('Unitário', cols.unit, y, { width: priceW, align: 'right', lineBreak: false });
      doc.text('Total', cols.total, y, { width: priceW, align: 'right', lineBreak: false });
    }
    doc.fillColor('#000000');
    doc
      .moveTo(x, y + 11)
      .lineTo(x + w, y + 11)
      .lineWidth(0.5)
      .stroke()
      .lineWidth(1);
    doc.y = y + 15;
  };
  head();
  for (const { item, material, finish, thumb } of lines) {
    const details = [
      item.description && item.description !== item.productName ? item.description : null,
      sizeOf(item) && `Tamanho: ${sizeOf(item)}`,
      material && `Material: ${material}`,
      finish && `Acabamento: ${finish}`,
      item.seams === 'com' && `Costuras/ilhoses: ${item.seamCount}`,
      ...item.extras.map((e) => `+ ${e.quantity} × ${e.name}`),
      item.notes && `Obs.: ${item.notes}`,
    ].filter((v): v is string => Boolean(v));
    doc.font(FONT.regular).fontSize(8);
    const detailsText = details.join('\n');
    const textH = 12 + (detailsText ? doc.heightOfString(detailsText, { width: descW }) : 0);
    const rowH = Math.max(textH, thumb ? thumbW : 0) + 8;
    if (doc.y + rowH > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      head();
    }
    const y = doc.y;
    if (thumb) doc.image(thumb, cols.thumb, y, { fit: [thumbW, thumbW], align: 'center', valign: 'center' });
    doc.font(FONT.bold).fontSize(9.5);
    doc.text(fitLine(doc, `${item.position}. ${item.productName}`, descW), cols.desc, y, {
      width: descW,
      lineBreak: false,
    });
    doc.font(FONT.regular).fontSize(8).fillColor('#333333');
    if (detailsText) doc.text(detailsText, cols.desc, y + 12, { width: descW });
    doc.fillColor('#000000').fontSize(9.5);
    doc.text(`${item.quantity}`, cols.qty, y, { width: qtyW, align: 'right', lineBreak: false });
    if (showMoney) {
      doc.text(fitLine(doc, money(item.unitPriceCents ?? 0), priceW), cols.unit, y, {
        width: priceW,
        align: 'right',
        lineBreak: false,
      });
      doc.text(fitLine(doc, money(item.totalCents ?? 0), priceW), cols.total, y, {
        width: priceW,
        align: 'right',
        lineBreak: false,
      });
    }
    doc.y = y + rowH;
    doc
      .moveTo(x, doc.y - 4)
      .lineTo(x + w, doc.y - 4)
      .lineWidth(0.3)
      .strokeColor('#bbbbbb')
      .stroke()
      .strokeColor('#000000')
      .lineWidth(1);
  }
}

/** Label/value pairs right-aligned under the items (subtotal, frete, desconto, total). */
function drawTotals(doc: Doc, order: OrderOut): void {
  const x = doc.page.margins.left;
  const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const rows: Array<[string, number, boolean]> = [['Subtotal', order.itemsTotalCents ?? 0, false]];
  if (order.freightCents) rows.push(['Frete', order.freightCents, false]);
  if (order.discountCents) rows.push(['Desconto', -order.discountCents, false]);
  rows.push(['Total', order.totalCents ?? 0, true]);
  if (doc.y + rows.length * 14 + 10 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.3);
  for (const [label, cents, bold] of rows) {
    const y = doc.y;
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(bold ? 12 : 9.5);
    doc.text(label, x + w - 260, y, { width: 150, align: 'right', lineBreak: false });
    doc.text(fitLine(doc, money(cents), 105), x + w - 105, y, { width: 105, align: 'right', lineBreak: false });
    doc.y = y + (bold ? 17 : 13);
  }
  doc.x = x;
}

/** A titled block of free text (terms, notes), kept whole on one page when it fits. */
function block(doc: Doc, title: string, text: string): void {
  const x = doc.page.margins.left;
  const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font(FONT.regular).fontSize(9);
  const h = doc.heightOfString(text, { width: w }) + 14;
  if (doc.y + h > doc.page.height - doc.page.margins.bottom && h < 300) doc.addPage();
  doc.font(FONT.bold).fontSize(9.5).text(title, x, doc.y, { width: w });
  doc.font(FONT.regular).fontSize(9).text(text, x, doc.y, { width: w });
  doc.moveDown(0.5);
}

/** The customer box: who, phone, city; then the document's dates. */
function drawParties(doc: Doc, order: OrderOut, facts: Array<[string, string]>): void {
  const x = doc.page.margins.left;
  const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const y = doc.y;
  doc
    .font(FONT.bold)
    .fontSize(10)
    .text(fitLine(doc, `Cliente: ${order.customerName}`, w * 0.6), x, y, {
      lineBreak: false,
    });
  doc.font(FONT.regular).fontSize(9);
  const contact = [order.customerPhone && formatPhone(order.customerPhone), order.customerCity]
    .filter(Boolean)
    .join(' · ');
  if (contact) doc.text(fitLine(doc, contact, w * 0.6), x, y + 14, { lineBreak: false });
  facts.forEach(([label, value], k) => {
    doc.text(fitLine(doc, `${label}: ${value}`, w * 0.38), x + w * 0.62, y + k * 12, {
      width: w * 0.38,
      align: 'right',
      lineBreak: false,
    });
  });
  doc.y = y + Math.max(30, facts.length * 12 + 6);
  doc.x = x;
  doc.moveDown(0.4);
}

export interface OrderDocument {
  pdf: Buffer;
  filename: string;
}

/**
 * Orçamento or Pedido/OS of an order as a PDF: the company header, the customer, every item with
 * its picture, size, material and finish, quantities, and — for who may see them — unit and total
 * prices and the totals. The orçamento adds its validity and the shop's terms; the OS its delivery
 * date, status and room for the production's and the customer's signatures.
 */
/**
 * What an order's document needs: a user (null: the app itself, e.g. the outbox attaching it to an
 * e-mail the user was allowed to send — prices shown), the database, the clock and the media folder.
 */
export type DocumentCtx = Pick<ProcCtx, 'db' | 'clock' | 'user'> & { services: Pick<ProcCtx['services'], 'mediaDir'> };

export async function orderDocumentPdf(ctx: DocumentCtx, id: number, kind: OrderDocumentKind): Promise<OrderDocument> {
  const order = await loadOrder(ctx.db, id, ctx.clock.today());
  const showMoney = await documentShowsMoney(ctx, order.customerId);
  const [company, lines] = await Promise.all([companyForDocuments(ctx.db), itemLines(ctx, order)]);
  const title = kind === 'orcamento' ? 'Orçamento' : 'Pedido / OS';
  const pdf = await renderPdf(`${title} ${order.number}`, (doc) => {
    companyHeader(doc, company, title, { subtitle: `Nº ${order.number}` });
    drawOrder(doc, company, order, lines, kind, showMoney);
  });
  return { pdf, filename: `${kind === 'orcamento' ? 'orcamento' : 'os'}-${order.number}.pdf` };
}

function drawOrder(
  doc: Doc,
  company: DocumentCompany,
  order: OrderOut,
  lines: ItemLine[],
  kind: OrderDocumentKind,
  showMoney: boolean,
): void {
  const p = company.profile;
  const validUntil = order.validUntil ?? addDays(order.entryDate, p.quoteValidityDays);
  const facts: Array<[string, string]> =
    kind === 'orcamento'
      ? [
          ['Data', formatDateBR(order.entryDate)],
          ['Válido até', formatDateBR(validUntil)],
        ]
      : [
          ['Entrada', formatDateBR(order.entryDate)],
          ['Entrega', order.deliveryDate ? formatDateBR(order.deliveryDate) : 'a combinar'],
          ['Situação', STATUS_LABELS[order.status]],
        ];
  drawParties(doc, order, facts);
  drawItems(doc, lines, showMoney);
  if (showMoney) drawTotals(doc, order);
  doc.moveDown(0.8);
  if (order.notes) block(doc, 'Observações', order.notes);
  if (kind === 'orcamento') {
    const validity =
      order.validUntil !== null
        ? `Este orçamento vale até ${formatDateBR(validUntil)}.`
        : `Este orçamento vale ${p.quoteValidityDays} dias, até ${formatDateBR(validUntil)}.`;
    block(doc, 'Validade', validity);
    if (showMoney && order.paymentNotes) block(doc, 'Pagamento', order.paymentNotes);
    else if (p.paymentTerms) block(doc, 'Condições de pagamento', p.paymentTerms);
    if (p.deliveryTerms) block(doc, 'Prazo e entrega', p.deliveryTerms);
  } else {
    if (showMoney && order.paymentNotes) block(doc, 'Pagamento', order.paymentNotes);
    if (p.deliveryTerms) block(doc, 'Prazo e entrega', p.deliveryTerms);
    if (doc.y + 80 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    signatureLine(doc, fitLine(doc.fontSize(9), `Recebido por — ${order.customerName}`, 270), doc.y + 50);
  }
}
