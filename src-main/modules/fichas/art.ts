import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Db } from '../../db/connection';
import { artPreviewForItem } from '../art/procedures';
import type { ArtStore } from '../art/store';
import { mediaPaths } from '../orders/images';

/**
 * An image to print: a key naming it in the scaled-copy cache (a media id, or `art-<sha256>` for an
 * art file's preview), its pixel size, and — for art files — the preview file to scale from.
 */
export interface PrintImage {
  mediaId: string;
  width: number;
  height: number;
  source?: string;
}

/**
 * Which image is the item's art, and which are its extra images. The art is the item's newest art
 * file (art module, `artPreviewForItem`: its raster preview, up to 3000 px) when one has a ready
 * preview; otherwise the item's first image (`orders.addImage`). The item's images are the extras
 * (all of them when an art file is the art). The one place that says so.
 */
export async function itemArt(
  db: Db,
  itemIds: readonly number[],
  store?: ArtStore,
): Promise<Map<number, { art: PrintImage | null; extras: PrintImage[] }>> {
  const out = new Map<number, { art: PrintImage | null; extras: PrintImage[] }>();
  for (const id of itemIds) out.set(id, { art: null, extras: [] });
  if (itemIds.length === 0) return out;
  const withArtFile = new Set<number>();
  if (store) {
    for (const id of itemIds) {
      const preview = await artPreviewForItem(db, store, id);
      const entry = out.get(id);
      if (!preview || !entry) continue;
      entry.art = {
        mediaId: `art-${path.basename(preview.path).replace(/[^a-zA-Z0-9]/g, '')}`,
        width: preview.width,
        height: preview.height,
        source: preview.path,
      };
      withArtFile.add(id);
    }
  }
  const rows = await db
    .selectFrom('item_images')
    .innerJoin('media', 'media.id', 'item_images.media_id')
    .select(['item_images.item_id', 'media.id', 'media.width', 'media.height'])
    .where('item_images.item_id', 'in', itemIds)
    .orderBy('item_images.id')
    .execute();
  for (const r of rows) {
    const entry = out.get(r.item_id);
    if (!entry) continue;
    const image = { mediaId: r.id, width: r.width, height: r.height };
    if (!entry.art && !withArtFile.has(r.item_id)) entry.art = image;
    else entry.extras.push(image);
  }
  return out;
}

/** Print resolution of images on a ficha, and the longest side a scaled copy may have. */
export const PRINT_DPI = 300;
export const MAX_PRINT_PX = 3000;

/** Pixels an image needs to fill a box of `widthPt` × `heightPt` at print resolution (never more than the original). */
export function printPixels(image: PrintImage, widthPt: number, heightPt: number): { width: number; height: number } {
  const boxW = Math.max(1, Math.round((widthPt / 72) * PRINT_DPI));
  const boxH = Math.max(1, Math.round((heightPt / 72) * PRINT_DPI));
  const scale = Math.min(
    boxW / image.width,
    boxH / image.height,
    MAX_PRINT_PX / Math.max(image.width, image.height),
    1,
  );
  return {
    width: Math.max(1, Math.round(image.width * scale)),
    height: Math.max(1, Math.round(image.height * scale)),
  };
}

/** Where the scaled copies live: next to the media folder, outside backups (`<data>/cache/fichas`). */
export function printCacheDir(mediaDir: string): string {
  return path.join(path.dirname(mediaDir), 'cache', 'fichas');
}

/**
 * The image scaled to what the printed size needs (300 dpi at the box's size, at most 3000 px on its
 * longest side), as a JPEG on white; kept by media id and pixel size, so the next print of the same
 * block reads it back at once. Null when the stored file is gone or unreadable.
 */
export async function scaledForPrint(
  mediaDir: string,
  image: PrintImage,
  widthPt: number,
  heightPt: number,
): Promise<string | null> {
  const size = printPixels(image, widthPt, heightPt);
  const dir = printCacheDir(mediaDir);
  const file = path.join(dir, `${image.mediaId}-${size.width}x${size.height}.jpg`);
  try {
    await fs.access(file);
    return file;
  } catch {
    // not scaled yet
  }
  let source: string;
  try {
    source = image.source ?? mediaPaths(mediaDir, image.mediaId).file;
    await fs.access(source);
  } catch {
    return null;
  }
  await fs.mkdir(dir, { recursive: true });
  const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await sharp(source, { limitInputPixels: 200_000_000 })
      .rotate()
      .resize({ width: size.width, height: size.height, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 88, mozjpeg: false })
      .toFile(partial);
    await fs.rename(partial, file);
    return file;
  } catch {
    await fs.rm(partial, { force: true });
    return null;
  }
}
