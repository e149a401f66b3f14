import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutputOf, ParsedInputOf } from '../../../src-shared/contract';
import type { FileBody } from '../../../src-shared/contract/procedure';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { Db } from '../../db/connection';
import { createPdf, type Doc } from '../../documents/pdf';
import { type ProcCtx, requireUser, type Services } from '../../rpc/context';
import { OPEN_STATUSES } from '../orders/queries';
import { printCacheDir } from './art';
import { drawJobs, pdfFile, printJobs } from './service';

type BatchInput = ParsedInputOf<'fichas.batchPdf'>;
type BatchOut = OutputOf<'fichas.batchStatus'>;

/** Most fichas one batch prints (a day of a busy shop is a few hundred). */
export const MAX_BATCH_FICHAS = 2000;
/** The generator waits while this much of the PDF is still unread (memory stays bounded). */
const PENDING_BYTES = 4 * 1024 * 1024;

interface Selection {
  orderIds: number[];
  printDate: string | undefined;
  total: number;
}

/** Which orders a batch prints, and how many fichas that is (refused above `MAX_BATCH_FICHAS`). */
async function select(db: Db, input: BatchInput, today: string): Promise<Selection> {
  const printDate = input.orderIds ? undefined : input.today ? today : (input.printDate ?? today);
  let orderIds: number[];
  if (input.orderIds) {
    const wanted = [...new Set(input.orderIds)];
    const found = new Set(
      (await db.selectFrom('orders').select('id').where('id', 'in', wanted).execute()).map((r) => r.id),
    );
    orderIds = wanted.filter((id) => found.has(id));
  } else {
    const rows = await db
      .selectFrom('order_items')
      .innerJoin('orders', 'orders.id', 'order_items.order_id')
      .select('orders.id')
      .distinct()
      .where('order_items.print_date', '=', printDate as string)
      .where('orders.status', 'in', [...OPEN_STATUSES])
      .where('orders.kind', '=', 'pedido')
      .orderBy('orders.id')
      .execute();
    orderIds = rows.map((r) => r.id);
  }
  let total = 0;
  if (orderIds.length) {
    let items = db
      .selectFrom('order_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('order_id', 'in', orderIds);
    if (printDate) items = items.where('print_date', '=', printDate);
    total = Number((await items.executeTakeFirstOrThrow()).n);
    if (!printDate) {
      const whole = await db
        .selectFrom('fichas')
        .select('order_id')
        .distinct()
        .where('order_id', 'in', orderIds)
        .where('item_id', 'is', null)
        .execute();
      total += whole.length;
    }
  }
  if (total === 0) throw new AppError('BUSINESS_RULE', msg('fichas.nothingToPrint'));
  if (total > MAX_BATCH_FICHAS)
    throw new AppError('BUSINESS_RULE', msg('fichas.tooMany', { count: total, max: MAX_BATCH_FICHAS }));
  return { orderIds, printDate, total };
}

/** Draws a batch into `doc` (which the caller reads), waiting whenever too much is unread. */
async function drawBatch(
  ctx: ProcCtx,
  doc: Doc,
  selection: Selection,
  paper: BatchInput['paper'],
  onFicha?: (n: number) => void,
) {
  const jobs = printJobs(ctx.db, selection.orderIds, {
    baseUrl: ctx.services.lanUrl,
    art: ctx.services.art,
    ...(selection.printDate && { onlyItemsPrintedOn: selection.printDate }),
  });
  await drawJobs(doc, jobs, ctx.services.mediaDir, paper, async (n) => {
    onFicha?.(n);
    await unread(doc);
  });
  doc.end();
}

/** One PDF with every ficha of the selection, streamed as it is drawn. */
export async function batchPdf(ctx: ProcCtx, input: BatchInput): Promise<FileBody> {
  const selection = await select(ctx.db, input, ctx.clock.today());
  const doc = createPdf(`Fichas (${selection.total})`, { autoFirstPage: false, margin: 0 });
  void drawBatch(ctx, doc, selection, input.paper).catch((err: unknown) =>
    doc.destroy(err instanceof Error ? err : new Error(String(err))),
  );
  return pdfFile(`fichas-${selection.total}.pdf`, doc);
}

/** Waits (between fichas) while more than `PENDING_BYTES` of the document are still unread. */
async function unread(doc: Doc): Promise<void> {
  while (doc.readableLength > PENDING_BYTES && !doc.destroyed) await sleep(5);
}

interface Batch {
  id: string;
  userId: number;
  total: number;
  done: number;
  ready: boolean;
  failed: boolean;
  file: string;
  startedAt: number;
}

const batches = new WeakMap<Services, Map<string, Batch>>();
const KEEP_MS = 60 * 60 * 1000;

function batchesOf(services: Services): Map<string, Batch> {
  let map = batches.get(services);
  if (!map) {
    map = new Map();
    batches.set(services, map);
  }
  return map;
}

const outOf = (b: Batch): BatchOut => ({
  id: b.id,
  total: b.total,
  done: b.done,
  ready: b.ready,
  failed: b.failed,
  file: b.ready ? `/api/fichas/batches/${b.id}/fichas.pdf` : null,
});

/**
 * Starts a batch in the background: the PDF is written to `<data>/cache/fichas-lotes/`, and
 * `fichas.batchStatus` says how many fichas are done. Batches are the user's own and kept for an hour.
 */
export async function startBatch(ctx: ProcCtx, input: BatchInput): Promise<BatchOut> {
  const user = requireUser(ctx);
  const selection = await select(ctx.db, input, ctx.clock.today());
  const map = batchesOf(ctx.services);
  const dir = path.join(path.dirname(printCacheDir(ctx.services.mediaDir)), 'fichas-lotes');
  await fs.mkdir(dir, { recursive: true });
  for (const old of [...map.values()].filter((b) => Date.now() - b.startedAt > KEEP_MS)) {
    map.delete(old.id);
    await fs.rm(old.file, { force: true });
  }
  const id = randomBytes(12).toString('hex');
  const batch: Batch = {
    id,
    userId: user.id,
    total: selection.total,
    done: 0,
    ready: false,
    failed: false,
    file: path.join(dir, `${id}.pdf`),
    startedAt: Date.now(),
  };
  map.set(id, batch);
  const doc = createPdf(`Fichas (${selection.total})`, { autoFirstPage: false, margin: 0 });
  const out = createWriteStream(batch.file);
  doc.pipe(out);
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  void (async () => {
    try {
      await drawBatch(ctx, doc, selection, input.paper, (n) => {
        batch.done = n;
      });
      await finished;
      batch.ready = true;
    } catch (err) {
      batch.failed = true;
      ctx.services.log.error({ evt: 'fichas', err }, 'batch of fichas failed');
    }
  })();
  return outOf(batch);
}

function batchOf(ctx: ProcCtx, id: string): Batch {
  const user = requireUser(ctx);
  const batch = batchesOf(ctx.services).get(id);
  if (!batch || batch.userId !== user.id) throw new AppError('NOT_FOUND', msg('fichas.batchNotFound'));
  return batch;
}

export function batchStatus(ctx: ProcCtx, id: string): BatchOut {
  return outOf(batchOf(ctx, id));
}

export function batchFile(ctx: ProcCtx, id: string): FileBody {
  const batch = batchOf(ctx, id);
  if (!batch.ready) throw new AppError('CONFLICT', msg('fichas.batchNotReady'));
  return pdfFile(`fichas-${batch.total}.pdf`, createReadStream(batch.file));
}
