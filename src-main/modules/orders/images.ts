import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { OutputOf } from '../../../src-shared/contract';
import type { FileBody } from '../../../src-shared/contract/procedure';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import { type ProcCtx, requireUser } from '../../rpc/context';
import { getOrderRow, mediaUrl } from './queries';
import { bump } from './service';
import { type ImageMime, sniffImage } from './sniff-image';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const MEDIA_ID = /^[0-9a-f]{64}$/;

export { type ImageMime, sniffImage } from './sniff-image';

/** Paths of a stored image and its thumbnail; ids are checked so a crafted one can never leave the media folder. */
export function mediaPaths(mediaDir: string, id: string): { file: string; thumb: string } {
  if (!MEDIA_ID.test(id)) throw new AppError('NOT_FOUND', msg('media.notFound'));
  const dir = path.join(mediaDir, id.slice(0, 2));
  return { file: path.join(dir, id), thumb: path.join(dir, `${id}-thumb.webp`) };
}

export function decodeDataUrl(dataUrl: string): Buffer {
  const m = /^data:[\w.+-]+\/[\w.+-]+;base64,([A-Za-z0-9+/=\s]+)$/.exec(dataUrl);
  if (!m) {
    throw new AppError('VALIDATION', msg('media.invalid'), {
      fields: { dataUrl: msg('media.dataUrlField') },
    });
  }
  return Buffer.from(m[1] as string, 'base64');
}

export interface StoredImage {
  id: string;
  mime: ImageMime;
  sizeBytes: number;
  width: number;
  height: number;
}

/**
 * Checks and stores an image by the SHA-256 of its content, with a 320 px WebP thumbnail. Runs
 * before the transaction (slow work: hashing, decoding, files); storing twice is harmless.
 */
export async function storeImage(mediaDir: string, bytes: Buffer): Promise<StoredImage> {
  if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('TOO_LARGE', msg('media.tooLarge'));
  if (bytes.length === 0)
    throw new AppError('VALIDATION', msg('media.empty'), { fields: { dataUrl: msg('media.emptyField') } });
  const mime = sniffImage(bytes);
  if (!mime) {
    throw new AppError('VALIDATION', msg('media.badFormat'), {
      fields: { dataUrl: msg('media.badFormatField') },
    });
  }
  let width: number;
  let height: number;
  let thumb: Buffer;
  try {
    const meta = await sharp(bytes, { limitInputPixels: 100_000_000 }).metadata();
    width = meta.width ?? 0;
    height = meta.height ?? 0;
    thumb = await sharp(bytes, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize({ width: 320, height: 320, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
  } catch {
    throw new AppError('VALIDATION', msg('media.corrupt'), {
      fields: { dataUrl: msg('media.corruptField') },
    });
  }
  const id = createHash('sha256').update(bytes).digest('hex');
  const paths = mediaPaths(mediaDir, id);
  await fs.mkdir(path.dirname(paths.file), { recursive: true });
  await fs.writeFile(paths.file, bytes, { flag: 'w' });
  await fs.writeFile(paths.thumb, thumb, { flag: 'w' });
  return { id, mime, sizeBytes: bytes.length, width, height };
}

/** Attaches a stored image to an order's item; the order's version goes up. */
export async function attachImage(
  ctx: ProcCtx,
  input: { id: number; itemId: number },
  image: StoredImage,
): Promise<OutputOf<'orders.addImage'>> {
  const user = requireUser(ctx);
  const order = await getOrderRow(ctx.db, input.id);
  const item = await ctx.db
    .selectFrom('order_items')
    .select('id')
    .where('id', '=', input.itemId)
    .where('order_id', '=', order.id)
    .executeTakeFirst();
  if (!item) throw new AppError('NOT_FOUND', msg('orders.itemNotFound'));
  const now = ctx.clock.nowIso();
  await ctx.db
    .insertInto('media')
    .values({
      id: image.id,
      mime: image.mime,
      size_bytes: image.sizeBytes,
      width: image.width,
      height: image.height,
      created_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await ctx.db
    .insertInto('item_images')
    .values({ order_id: order.id, item_id: item.id, media_id: image.id, created_by: user.id, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .updateTable('orders')
    .set({ version: order.version + 1, updated_at: now })
    .where('id', '=', order.id)
    .execute();
  await ctx.audit({
    action: 'image:add',
    entity: 'order',
    entityId: order.id,
    after: { itemId: item.id, mediaId: image.id },
  });
  return {
    id: row.id,
    orderId: order.id,
    orderVersion: order.version + 1,
    itemId: item.id,
    mediaId: image.id,
    mime: image.mime,
    width: image.width,
    height: image.height,
    sizeBytes: image.sizeBytes,
    url: mediaUrl(image.id),
    thumbUrl: mediaUrl(image.id, true),
    createdAt: now,
  };
}

/** Takes an image off an order's item (the file stays: other items may share it); the order's version goes up. */
export async function detachImage(
  ctx: ProcCtx,
  input: { id: number; itemId: number; imageId: number },
): Promise<OutputOf<'orders.removeImage'>> {
  const order = await getOrderRow(ctx.db, input.id);
  const res = await ctx.db
    .deleteFrom('item_images')
    .where('id', '=', input.imageId)
    .where('item_id', '=', input.itemId)
    .where('order_id', '=', order.id)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) !== 1) throw new AppError('NOT_FOUND', msg('orders.itemImageNotFound'));
  await bump(ctx, order);
  await ctx.audit({
    action: 'image:remove',
    entity: 'order',
    entityId: order.id,
    before: { imageId: input.imageId },
  });
  return { id: input.imageId, orderId: order.id, orderVersion: order.version + 1, deleted: true as const };
}

/** An image or its thumbnail as a file answer; ids are checked before any path is built. */
export async function imageFile(ctx: ProcCtx, id: string, thumb: boolean): Promise<FileBody> {
  const paths = mediaPaths(ctx.services.mediaDir, id);
  const row = await ctx.db.selectFrom('media').select(['mime']).where('id', '=', id).executeTakeFirst();
  const file = thumb ? paths.thumb : paths.file;
  if (!row || !existsSync(file)) throw new AppError('NOT_FOUND', msg('media.notFound'));
  const mime = thumb ? 'image/webp' : row.mime;
  return {
    file: true,
    mime,
    filename: `${id.slice(0, 16)}${thumb ? '-mini' : ''}.${mime.slice('image/'.length)}`,
    disposition: 'inline',
    immutable: true,
    body: createReadStream(file),
  };
}
