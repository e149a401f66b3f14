import { createReadStream, existsSync } from 'node:fs';
import type { z } from 'zod';
import type { OutputOf } from '../../../src-shared/contract';
import type { ArtApproval, art, ItemArt } from '../../../src-shared/contract/art';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { Db } from '../../db/connection';
import { type Implementation, type ProcCtx, prepared, requireUser } from '../../rpc/context';
import { orderItemRef, setItemArtStatus } from '../orders/art-status';
import { BOARD_LIMIT } from '../orders/procedures';
import { OPEN_STATUSES } from '../orders/queries';
import { setSetting } from '../settings/service';
import type { ArtFormat } from './sniff';
import { type ArtStore, artMaxBytes, type ReceivedArt } from './store';

type ItemArtOut = z.input<typeof ItemArt>;
type ApprovalOut = z.input<typeof ArtApproval>;

interface ArtRow {
  id: number;
  order_id: number;
  item_id: number;
  file_id: string | null;
  link_url: string | null;
  name: string;
  created_at: string;
  createdByName: string | null;
  format: string | null;
  size_bytes: number | null;
}

function artRows(db: Db) {
  return db
    .selectFrom('item_arts')
    .leftJoin('art_files', 'art_files.id', 'item_arts.file_id')
    .leftJoin('users', 'users.id', 'item_arts.created_by')
    .select([
      'item_arts.id',
      'item_arts.order_id',
      'item_arts.item_id',
      'item_arts.file_id',
      'item_arts.link_url',
      'item_arts.name',
      'item_arts.created_at',
      'users.name as createdByName',
      'art_files.format',
      'art_files.size_bytes',
    ]);
}

function toItemArt(store: ArtStore, row: ArtRow): ItemArtOut {
  const format = row.format as ArtFormat | null;
  const preview = row.file_id && format ? store.previewState(row.file_id, format) : null;
  const ready = preview?.state === 'pronta';
  return {
    id: row.id,
    orderId: row.order_id,
    itemId: row.item_id,
    kind: row.file_id ? 'arquivo' : 'link',
    name: row.name,
    fileId: row.file_id,
    format,
    sizeBytes: row.size_bytes,
    linkUrl: row.link_url,
    preview: preview?.state ?? 'nenhuma',
    previewWidth: preview?.width ?? null,
    previewHeight: preview?.height ?? null,
    thumbUrl: ready ? `/api/art/files/${row.file_id}/thumb` : null,
    previewUrl: ready ? `/api/art/files/${row.file_id}/preview` : null,
    downloadUrl: row.file_id ? `/api/art/${row.id}/download` : null,
    createdAt: row.created_at,
    createdByName: row.createdByName,
  };
}

/** Records a new art on an item: the item's art is now this one and waits for approval again. */
async function addArt(
  ctx: ProcCtx,
  input: { id: number; itemId: number },
  art: { file: ReceivedArt | null; linkUrl: string | null; name: string },
): Promise<OutputOf<'art.upload'>> {
  const user = requireUser(ctx);
  const item = await orderItemRef(ctx, input.id, input.itemId);
  const now = ctx.clock.nowIso();
  if (art.file) {
    await ctx.db
      .insertInto('art_files')
      .values({ id: art.file.fileId, format: art.file.format, size_bytes: art.file.sizeBytes, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  const inserted = await ctx.db
    .insertInto('item_arts')
    .values({
      order_id: input.id,
      item_id: input.itemId,
      file_id: art.file?.fileId ?? null,
      link_url: art.linkUrl,
      name: art.name,
      created_by: user.id,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const changed = await setItemArtStatus(ctx, { orderId: input.id, itemId: input.itemId, status: 'arte_enviada' });
  await ctx.audit({
    action: art.file ? 'art:upload' : 'art:link',
    entity: 'order',
    entityId: input.id,
    after: {
      itemId: input.itemId,
      position: item.position,
      name: art.name,
      ...(art.file && { format: art.file.format }),
    },
  });
  const row = await artRows(ctx.db).where('item_arts.id', '=', inserted.id).executeTakeFirstOrThrow();
  return { ...toItemArt(ctx.services.art, row), orderVersion: changed.orderVersion, artStatus: 'arte_enviada' };
}

function approvalOut(row: {
  id: number;
  item_id: number;
  art_id: number | null;
  decision: string;
  channel: string;
  note: string | null;
  decided_at: string;
  byName: string | null;
}): ApprovalOut {
  return {
    id: row.id,
    itemId: row.item_id,
    artId: row.art_id,
    decision: row.decision as 'aprovada',
    channel: row.channel as 'balcao',
    note: row.note,
    at: row.decided_at,
    byName: row.byName,
  };
}

function approvals(db: Db) {
  return db
    .selectFrom('art_approvals')
    .leftJoin('users', 'users.id', 'art_approvals.decided_by')
    .select([
      'art_approvals.id',
      'art_approvals.item_id',
      'art_approvals.art_id',
      'art_approvals.decision',
      'art_approvals.channel',
      'art_approvals.note',
      'art_approvals.decided_at',
      'users.name as byName',
    ]);
}

/**
 * For the fichas (issue 11): an order item's art as a raster image large enough to print — the
 * preview JPEG (longest side up to 3000 px, as large as the source allows) with its size — or null
 * when the item has no art, its art is a link, or the preview is not ready or not possible.
 */
export async function artPreviewForItem(
  db: Db,
  store: ArtStore,
  itemId: number,
): Promise<{ path: string; width: number; height: number } | null> {
  const row = await artRows(db)
    .where('item_arts.item_id', '=', itemId)
    .orderBy('item_arts.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row?.file_id || !row.format) return null;
  const state = store.previewState(row.file_id, row.format as ArtFormat);
  if (state.state !== 'pronta' || !state.width || !state.height) return null;
  return { path: store.paths(row.file_id).preview, width: state.width, height: state.height };
}

function previewFile(store: ArtStore, fileId: string, kind: 'preview' | 'thumb') {
  const paths = store.paths(fileId);
  const file = kind === 'preview' ? paths.preview : paths.thumb;
  if (!existsSync(file)) throw new AppError('NOT_FOUND', msg('art.previewMissing'));
  return {
    file: true as const,
    mime: kind === 'preview' ? 'image/jpeg' : 'image/webp',
    filename: `${fileId.slice(0, 16)}-${kind === 'preview' ? 'previa.jpg' : 'mini.webp'}`,
    disposition: 'inline' as const,
    immutable: true,
    body: createReadStream(file),
  };
}

export const artProcedures = {
  'art.upload': prepared({
    prepare: async (input, ctx) => ctx.services.art.take(input.upload),
    run: (input, ctx, file: ReceivedArt) => addArt(ctx, input, { file, linkUrl: null, name: file.name }),
  }),

  'art.addLink': (input, ctx) => {
    const url = new URL(input.url);
    return addArt(ctx, input, { file: null, linkUrl: url.href, name: input.name ?? url.hostname });
  },

  'art.remove': async (input, ctx) => {
    const item = await orderItemRef(ctx, input.id, input.itemId);
    const res = await ctx.db
      .deleteFrom('item_arts')
      .where('id', '=', input.artId)
      .where('item_id', '=', input.itemId)
      .where('order_id', '=', input.id)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw new AppError('NOT_FOUND', msg('art.notFound'));
    const left = await ctx.db
      .selectFrom('item_arts')
      .select('id')
      .where('item_id', '=', input.itemId)
      .limit(1)
      .executeTakeFirst();
    const status = left ? item.artStatus : 'aguardando_arte';
    const changed = await setItemArtStatus(ctx, { orderId: input.id, itemId: input.itemId, status });
    await ctx.audit({
      action: 'art:remove',
      entity: 'order',
      entityId: input.id,
      before: { itemId: input.itemId, artId: input.artId },
      after: { itemId: input.itemId, position: item.position },
    });
    return {
      orderId: input.id,
      orderVersion: changed.orderVersion,
      itemId: input.itemId,
      artStatus: status,
      deleted: true as const,
    };
  },

  'art.decide': async (input, ctx) => {
    const user = requireUser(ctx);
    await orderItemRef(ctx, input.id, input.itemId);
    const current = await ctx.db
      .selectFrom('item_arts')
      .select('id')
      .where('item_id', '=', input.itemId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!current && input.decision === 'aprovada') throw new AppError('BUSINESS_RULE', msg('art.nothingToApprove'));
    const status = input.decision === 'aprovada' ? 'aprovada' : 'alteracao';
    const changed = await setItemArtStatus(ctx, {
      orderId: input.id,
      itemId: input.itemId,
      status,
      channel: input.channel,
      ...(input.version !== undefined && { version: input.version }),
    });
    const now = ctx.clock.nowIso();
    const row = await ctx.db
      .insertInto('art_approvals')
      .values({
        order_id: input.id,
        item_id: input.itemId,
        art_id: current?.id ?? null,
        decision: input.decision,
        channel: input.channel,
        note: input.note ?? null,
        decided_by: user.id,
        decided_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.audit({
      action: `art:${input.decision}`,
      entity: 'order',
      entityId: input.id,
      after: { itemId: input.itemId, position: changed.position, channel: input.channel, note: input.note ?? null },
    });
    const approval = await approvals(ctx.db).where('art_approvals.id', '=', row.id).executeTakeFirstOrThrow();
    return {
      orderId: input.id,
      orderVersion: changed.orderVersion,
      itemId: input.itemId,
      artStatus: status,
      approval: approvalOut(approval),
    };
  },

  'art.forOrder': async (input, ctx) => {
    const items = await ctx.db
      .selectFrom('order_items')
      .select(['id', 'position', 'description', 'art_status'])
      .where('order_id', '=', input.id)
      .orderBy('position')
      .execute();
    if (!items.length) await orderItemRef(ctx, input.id, 0); // 404 for an unknown order
    const arts = await artRows(ctx.db)
      .where('item_arts.order_id', '=', input.id)
      .orderBy('item_arts.id', 'desc')
      .execute();
    const decisions = await approvals(ctx.db)
      .where('art_approvals.order_id', '=', input.id)
      .orderBy('art_approvals.id', 'desc')
      .execute();
    return {
      orderId: input.id,
      items: items.map((it) => {
        const mine = arts.filter((a) => a.item_id === it.id).map((a) => toItemArt(ctx.services.art, a));
        return {
          itemId: it.id,
          position: it.position,
          description: it.description,
          artStatus: it.art_status as 'aprovada',
          current: mine[0] ?? null,
          previous: mine.slice(1),
          approvals: decisions.filter((d) => d.item_id === it.id).map(approvalOut),
        };
      }),
    };
  },

  'art.board': async (_input, ctx) => {
    // The same orders the board shows (`orders.board`: open orders by priority and date, the first 1.500).
    const orders = await ctx.db
      .selectFrom('orders')
      .select('id')
      .where('status', 'in', [...OPEN_STATUSES])
      .where('kind', '=', 'pedido')
      .orderBy('priority')
      .orderBy('delivery_date')
      .orderBy('id')
      .limit(BOARD_LIMIT)
      .execute();
    const orderIds = orders.map((o) => o.id);
    const items: Array<{ id: number; order_id: number; position: number; art_status: string }> = [];
    for (let i = 0; i < orderIds.length; i += 500) {
      items.push(
        ...(await ctx.db
          .selectFrom('order_items')
          .select(['id', 'order_id', 'position', 'art_status'])
          .where('order_id', 'in', orderIds.slice(i, i + 500))
          .orderBy('order_id')
          .orderBy('position')
          .execute()),
      );
    }
    const ids = items.map((i) => i.id);
    const latest = new Map<number, ArtRow>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await artRows(ctx.db)
        .where('item_arts.item_id', 'in', ids.slice(i, i + 500))
        .orderBy('item_arts.id', 'desc')
        .execute();
      for (const r of rows) if (!latest.has(r.item_id)) latest.set(r.item_id, r);
    }
    return {
      items: items.map((it) => {
        const a = latest.get(it.id);
        const shown = a ? toItemArt(ctx.services.art, a) : null;
        return {
          orderId: it.order_id,
          itemId: it.id,
          position: it.position,
          artStatus: it.art_status as 'aprovada',
          name: shown?.name ?? null,
          kind: shown?.kind ?? null,
          format: shown?.format ?? null,
          thumbUrl: shown?.thumbUrl ?? null,
        };
      }),
    };
  },

  'art.download': async (input, ctx) => {
    const row = await artRows(ctx.db).where('item_arts.id', '=', input.artId).executeTakeFirst();
    if (!row?.file_id || !row.format) throw new AppError('NOT_FOUND', msg('art.notFound'));
    const file = ctx.services.art.paths(row.file_id).file;
    if (!existsSync(file)) throw new AppError('NOT_FOUND', msg('art.fileNotFound'));
    return {
      file: true as const,
      // Never shown by the browser as sent (an SVG would be a page): downloaded, under its own name.
      mime: 'application/octet-stream',
      filename: row.name,
      disposition: 'attachment' as const,
      immutable: true,
      body: createReadStream(file),
    };
  },

  'art.preview': (input, ctx) => previewFile(ctx.services.art, input.fileId, 'preview'),
  'art.thumb': (input, ctx) => previewFile(ctx.services.art, input.fileId, 'thumb'),

  'art.config': async (_input, ctx) => ({ maxUploadMb: Math.round((await artMaxBytes(ctx.db)) / 1024 / 1024) }),
  'art.setConfig': async (input, ctx) => {
    await setSetting(ctx.db, ctx.clock, 'art', { maxUploadMb: input.maxUploadMb });
    await ctx.audit({ action: 'update', entity: 'settings', entityId: 0, after: { art: input } });
    return { maxUploadMb: input.maxUploadMb };
  },
} satisfies Implementation<typeof art>;
