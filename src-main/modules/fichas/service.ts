import { createHash } from 'node:crypto';
import type { OutputOf, ParsedInputOf } from '../../../src-shared/contract';
import type { FichaTemplateDraft } from '../../../src-shared/contract/fichas';
import type { FileBody } from '../../../src-shared/contract/procedure';
import { AppError } from '../../../src-shared/errors';
import { type Msg, msg } from '../../../src-shared/i18n';
import type { Db } from '../../db/connection';
import { createPdf, type Doc } from '../../documents/pdf';
import { type ProcCtx, requireUser } from '../../rpc/context';
import type { ArtStore } from '../art/store';
import { getOrderRow } from '../orders/queries';
import { companyForDocuments } from '../settings/company';
import { type FichaData, type FichaItem, type FichaOrder, loadFichaOrders, orderUrl, sampleFicha } from './data';
import { FichaPages, type Paper } from './render';
import { getTemplate, listTemplates, pickTemplate, shapeOf, type TemplateOut } from './templates';

export type FichaOut = OutputOf<'fichas.get'>;

const fichaNotFound = () => new AppError('NOT_FOUND', msg('fichas.notFound'));

async function loadFicha(db: Db, id: number): Promise<FichaOut> {
  const row = await db
    .selectFrom('fichas')
    .innerJoin('orders', 'orders.id', 'fichas.order_id')
    .innerJoin('ficha_templates', 'ficha_templates.id', 'fichas.template_id')
    .leftJoin('order_items', 'order_items.id', 'fichas.item_id')
    .selectAll('fichas')
    .select([
      'orders.number as orderNumber',
      'ficha_templates.name as templateName',
      'order_items.position as itemPosition',
      'order_items.description as itemDescription',
    ])
    .where('fichas.id', '=', id)
    .executeTakeFirst();
  if (!row) throw fichaNotFound();
  return {
    id: row.id,
    orderId: row.order_id,
    orderNumber: row.orderNumber,
    itemId: row.item_id,
    itemPosition: row.itemPosition,
    itemDescription: row.itemDescription,
    templateId: row.template_id,
    templateName: row.templateName,
    values: JSON.parse(row.values),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getFicha(db: Db, id: number): Promise<FichaOut> {
  return loadFicha(db, id);
}

export async function listFichas(db: Db, orderId: number, itemId?: number): Promise<FichaOut[]> {
  await getOrderRow(db, orderId);
  let q = db.selectFrom('fichas').select('id').where('order_id', '=', orderId);
  if (itemId !== undefined) q = q.where('item_id', '=', itemId);
  const ids = await q.orderBy('item_id').orderBy('id').execute();
  return Promise.all(ids.map((r) => loadFicha(db, r.id)));
}

/** Values only for the template's own fields, blank ones dropped. */
function checkValues(template: TemplateOut, values: Record<string, string>): Record<string, string> {
  const keys = new Set(template.fields.map((f) => f.key));
  const fields: Record<string, Msg> = {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!keys.has(key)) fields[`values.${key}`] = msg('fichas.unknownField', { key });
    else if (value.trim() !== '') out[key] = value.trim();
  }
  if (Object.keys(fields).length) throw new AppError('VALIDATION', msg('error.VALIDATION'), { fields });
  return out;
}

async function itemOf(db: Db, orderId: number, itemId: number) {
  const item = await db
    .selectFrom('order_items')
    .select(['id', 'production_type'])
    .where('id', '=', itemId)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  if (!item)
    throw new AppError('VALIDATION', msg('error.VALIDATION'), { fields: { itemId: msg('fichas.itemNotInOrder') } });
  return item;
}

export async function createFicha(ctx: ProcCtx, input: ParsedInputOf<'fichas.create'>): Promise<FichaOut> {
  const user = requireUser(ctx);
  await getOrderRow(ctx.db, input.orderId);
  const item = input.itemId !== undefined ? await itemOf(ctx.db, input.orderId, input.itemId) : null;
  const template =
    input.templateId !== undefined
      ? await getTemplate(ctx.db, input.templateId)
      : pickTemplate(await listTemplates(ctx.db), item?.production_type ?? null);
  if (!template) throw new AppError('NOT_FOUND', msg('fichaTemplates.notFound'));
  const values = checkValues(template, input.values);
  const now = ctx.clock.nowIso();
  const row = await ctx.db
    .insertInto('fichas')
    .values({
      order_id: input.orderId,
      item_id: item?.id ?? null,
      template_id: template.id,
      values: JSON.stringify(values),
      created_by: user.id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.audit({ action: 'ficha:create', entity: 'order', entityId: input.orderId, after: { fichaId: row.id } });
  return loadFicha(ctx.db, row.id);
}

export async function updateFicha(ctx: ProcCtx, input: ParsedInputOf<'fichas.update'>): Promise<FichaOut> {
  const before = await loadFicha(ctx.db, input.id);
  if (before.version !== input.version)
    throw new AppError('STALE_VERSION', msg('fichas.stale', { version: before.version }));
  const template = await getTemplate(ctx.db, input.templateId ?? before.templateId);
  // Changing the template keeps the values its fields still have.
  const given = input.values ?? before.values;
  const values = checkValues(
    template,
    input.values === undefined
      ? Object.fromEntries(Object.entries(given).filter(([k]) => template.fields.some((f) => f.key === k)))
      : given,
  );
  const res = await ctx.db
    .updateTable('fichas')
    .set({
      template_id: template.id,
      values: JSON.stringify(values),
      version: before.version + 1,
      updated_at: ctx.clock.nowIso(),
    })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1)
    throw new AppError('STALE_VERSION', msg('fichas.stale', { version: before.version }));
  await ctx.audit({
    action: 'ficha:update',
    entity: 'order',
    entityId: before.orderId,
    before: { fichaId: before.id, values: before.values },
    after: { values },
  });
  return loadFicha(ctx.db, input.id);
}

export async function deleteFicha(ctx: ProcCtx, id: number) {
  const before = await loadFicha(ctx.db, id);
  await ctx.db.deleteFrom('fichas').where('id', '=', id).execute();
  await ctx.audit({ action: 'ficha:delete', entity: 'order', entityId: before.orderId, before: { fichaId: id } });
  return { id, deleted: true as const };
}

/** One ficha to print: what it shows and the template it follows. */
export interface PrintJob {
  data: FichaData;
  template: TemplateOut | Pick<TemplateOut, 'name' | 'paper' | 'blocks' | 'fields'>;
}

/**
 * The fichas of some orders, in order: per item, its saved ficha (the latest) or the default template
 * of its type; an order's own ficha (without item) too, when one was saved. Reads in chunks of 50
 * orders, so a large batch never holds every order at once.
 */
export async function* printJobs(
  db: Db,
  orderIds: readonly number[],
  options: { baseUrl: string; itemId?: number; onlyItemsPrintedOn?: string; art?: ArtStore } = { baseUrl: '' },
): AsyncGenerator<PrintJob> {
  const templates = await listTemplates(db);
  const byId = new Map(templates.map((t) => [t.id, t]));
  const shop = await companyForDocuments(db);
  for (let i = 0; i < orderIds.length; i += 50) {
    const chunk = orderIds.slice(i, i + 50);
    const loaded = await loadFichaOrders(db, chunk, options.art);
    const saved = await db
      .selectFrom('fichas')
      .select(['id', 'order_id', 'item_id', 'template_id', 'values'])
      .where('order_id', 'in', chunk)
      .orderBy('id')
      .execute();
    for (const orderId of chunk) {
      const entry = loaded.get(orderId);
      if (!entry) continue;
      const mine = saved.filter((f) => f.order_id === orderId);
      const base = {
        company: shop,
        orderUrl: orderUrl(options.baseUrl, orderId),
        order: entry.order,
        items: entry.items,
      };
      const whole = mine.filter((f) => f.item_id === null).at(-1);
      if (whole && options.itemId === undefined && !options.onlyItemsPrintedOn) {
        const template = byId.get(whole.template_id);
        if (template) yield { data: { ...base, itemId: null, values: JSON.parse(whole.values) }, template };
      }
      for (const item of entry.items) {
        if (options.itemId !== undefined && item.id !== options.itemId) continue;
        if (options.onlyItemsPrintedOn && item.printDate !== options.onlyItemsPrintedOn) continue;
        const own = mine.filter((f) => f.item_id === item.id).at(-1);
        const template = (own && byId.get(own.template_id)) || pickTemplate(templates, item.productionType);
        if (!template) continue;
        yield { data: { ...base, itemId: item.id, values: own ? JSON.parse(own.values) : {} }, template };
      }
    }
  }
}

/** Draws print jobs into one document; `paper` prints every one on that paper instead of its template's. */
export async function drawJobs(
  doc: Doc,
  jobs: AsyncIterable<PrintJob> | Iterable<PrintJob>,
  mediaDir: string,
  paper?: Paper,
  onFicha?: (count: number) => void | Promise<void>,
): Promise<number> {
  const pages = new FichaPages(doc, mediaDir);
  let count = 0;
  for await (const job of jobs) {
    const shape = shapeOf(job.template);
    await pages.add(job.data, paper ? { ...shape, paper } : shape);
    count++;
    await onFicha?.(count);
  }
  return count;
}

/**
 * The last PDFs made, by a hash of everything they print (data, values, template, paper): printing
 * the same ficha again answers at once; any change makes another key. At most 32 MB.
 */
const madePdfs = new Map<string, Buffer>();
const MADE_PDFS_BYTES = 32 * 1024 * 1024;
let madeBytes = 0;

function keep(key: string, pdf: Buffer): void {
  if (pdf.length > MADE_PDFS_BYTES / 4) return;
  madePdfs.set(key, pdf);
  madeBytes += pdf.length;
  for (const [k, v] of madePdfs) {
    if (madeBytes <= MADE_PDFS_BYTES) break;
    madePdfs.delete(k);
    madeBytes -= v.length;
  }
}

/** Renders jobs into a PDF buffer (single fichas, an order's, previews). */
export async function jobsPdf(title: string, jobs: readonly PrintJob[], mediaDir: string): Promise<Buffer> {
  if (jobs.length === 0) throw new AppError('NOT_FOUND', msg('fichas.nothingToPrint'));
  const key = createHash('sha256')
    .update(
      // The logo is named by its length (its profile's updatedAt is in the key too), not spelt out.
      JSON.stringify([title, mediaDir, jobs], (k, v) =>
        k === 'logo' && v?.type === 'Buffer' && Array.isArray(v.data) ? `png:${v.data.length}` : v,
      ),
    )
    .digest('hex');
  const made = madePdfs.get(key);
  if (made) {
    // Most recently used last.
    madePdfs.delete(key);
    madePdfs.set(key, made);
    return made;
  }
  const doc = createPdf(title, { autoFirstPage: false, margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  await drawJobs(doc, jobs, mediaDir);
  doc.end();
  await ended;
  const pdf = Buffer.concat(chunks);
  keep(key, pdf);
  return pdf;
}

export const pdfFile = (filename: string, body: FileBody['body']): FileBody => ({
  file: true,
  mime: 'application/pdf',
  filename,
  disposition: 'inline',
  body,
});

export async function fichaPdf(ctx: ProcCtx, id: number): Promise<FileBody> {
  const ficha = await loadFicha(ctx.db, id);
  const template = await getTemplate(ctx.db, ficha.templateId);
  const entry = (await loadFichaOrders(ctx.db, [ficha.orderId], ctx.services.art)).get(ficha.orderId);
  if (!entry) throw fichaNotFound();
  const data: FichaData = {
    company: await companyForDocuments(ctx.db),
    orderUrl: orderUrl(ctx.services.lanUrl, ficha.orderId),
    order: entry.order,
    items: entry.items,
    itemId: ficha.itemId,
    values: ficha.values,
  };
  const pdf = await jobsPdf(`Ficha ${ficha.orderNumber}`, [{ data, template }], ctx.services.mediaDir);
  return pdfFile(`ficha-${ficha.orderNumber}${ficha.itemPosition ? `-item${ficha.itemPosition}` : ''}.pdf`, pdf);
}

export async function orderPdf(ctx: ProcCtx, orderId: number, itemId?: number): Promise<FileBody> {
  const order = await getOrderRow(ctx.db, orderId);
  if (itemId !== undefined) await itemOf(ctx.db, orderId, itemId);
  const jobs: PrintJob[] = [];
  for await (const job of printJobs(ctx.db, [orderId], {
    baseUrl: ctx.services.lanUrl,
    art: ctx.services.art,
    ...(itemId !== undefined && { itemId }),
  }))
    jobs.push(job);
  const pdf = await jobsPdf(`Fichas ${order.number}`, jobs, ctx.services.mediaDir);
  return pdfFile(`fichas-${order.number}.pdf`, pdf);
}

/** A template being edited, printed with a real order (and item) or with made-up data. */
export async function previewPdf(
  ctx: ProcCtx,
  input: {
    template: import('zod').output<typeof FichaTemplateDraft>;
    orderId?: number | undefined;
    itemId?: number | undefined;
  },
): Promise<FileBody> {
  let data: FichaData;
  if (input.orderId !== undefined) {
    await getOrderRow(ctx.db, input.orderId);
    const entry = (await loadFichaOrders(ctx.db, [input.orderId], ctx.services.art)).get(input.orderId) as {
      order: FichaOrder;
      items: FichaItem[];
    };
    const itemId = input.itemId ?? entry.items[0]?.id ?? null;
    if (input.itemId !== undefined) await itemOf(ctx.db, input.orderId, input.itemId);
    data = {
      company: await companyForDocuments(ctx.db),
      orderUrl: orderUrl(ctx.services.lanUrl, input.orderId),
      order: entry.order,
      items: entry.items,
      itemId,
      values: {},
    };
  } else {
    data = { ...sampleFicha(await companyForDocuments(ctx.db), ctx.services.lanUrl), values: {} };
  }
  const pdf = await jobsPdf(
    `Prévia ${input.template.name}`,
    [{ data, template: input.template }],
    ctx.services.mediaDir,
  );
  return pdfFile('previa-ficha.pdf', pdf);
}
