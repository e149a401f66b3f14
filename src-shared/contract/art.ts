import { z } from 'zod';
import { Id, Instant, Note, say, Text, Version } from './common';
import { ArtChannel, ArtStatus } from './orders';
import { fileOutput, procedure } from './procedure';

/**
 * Art files as print shops have them (issue 11): an item's art is an uploaded file (PDF, TIFF, PSD,
 * AI, CDR, SVG, JPEG, PNG, WebP; streamed to disk, checked by content, stored by its SHA-256) or a
 * link to a file elsewhere (Google Drive, WeTransfer). Approval (aprovar / pedir alteração) is
 * recorded per item, with who, when, channel and a note, on the order's timeline.
 */
export const ART_FORMATS = ['pdf', 'tiff', 'psd', 'ai', 'cdr', 'svg', 'jpeg', 'png', 'webp'] as const;
export const ArtFormat = z.enum(ART_FORMATS);
/** `gerando`: being made; `pronta`: ready; `indisponivel`: the file could not be read (generic icon); `nenhuma`: format without preview. */
export const ArtPreviewState = z.enum(['gerando', 'pronta', 'indisponivel', 'nenhuma']);
export const ArtDecision = z.enum(['aprovada', 'alteracao']);
/** Largest art file when the shop has not chosen (500 MB); the ceiling a shop may choose is 2 GB. */
export const DEFAULT_ART_MAX_MB = 500;
export const ART_UPLOAD_CEILING = 2048 * 1024 * 1024;

const FileId = z.string().regex(/^[0-9a-f]{64}$/, say('art.fileNotFound'));

export const ItemArt = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  itemId: z.number().int(),
  kind: z.enum(['arquivo', 'link']),
  /** Original file name (upload) or the name given to the link. */
  name: z.string(),
  fileId: z.string().nullable(),
  format: ArtFormat.nullable(),
  sizeBytes: z.number().int().nullable(),
  linkUrl: z.string().nullable(),
  preview: ArtPreviewState,
  previewWidth: z.number().int().nullable(),
  previewHeight: z.number().int().nullable(),
  /** Paths of the file procedures (open through `files.link`); null when there is nothing to show. */
  thumbUrl: z.string().nullable(),
  previewUrl: z.string().nullable(),
  downloadUrl: z.string().nullable(),
  createdAt: Instant,
  createdByName: z.string().nullable(),
});

export const ArtApproval = z.object({
  id: z.number().int(),
  itemId: z.number().int(),
  artId: z.number().int().nullable(),
  decision: ArtDecision,
  channel: ArtChannel,
  note: z.string().nullable(),
  at: Instant,
  byName: z.string().nullable(),
});

const ItemArtState = z.object({
  itemId: z.number().int(),
  position: z.number().int(),
  description: z.string(),
  artStatus: ArtStatus,
  /** The art in use (the newest one), and the ones before it. */
  current: ItemArt.nullable(),
  previous: z.array(ItemArt),
  approvals: z.array(ArtApproval),
});

const ItemRef = { id: Id, itemId: Id };
const Changed = z.object({
  orderId: z.number().int(),
  orderVersion: z.number().int(),
  itemId: z.number().int(),
  artStatus: ArtStatus,
});

export const ArtConfig = z.object({ maxUploadMb: z.number().int() });

/** A link to a file elsewhere: http(s) only, with a host. */
export const ArtLinkUrl = z
  .string()
  .trim()
  .max(2000, say('field.tooLong', { max: 2000 }))
  .regex(/^https?:\/\/[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d{1,5})?([/?#][^\s]*)?$/i, say('art.badLink'));

export const art = {
  'art.upload': procedure({
    http: 'POST /api/orders/:id/items/:itemId/art',
    permission: 'art.write',
    summary:
      'Envia o arquivo de arte de um item (multipart, gravado em disco aos poucos; PDF, TIFF, PSD, AI, CDR, SVG, JPEG, PNG ou WebP, até o limite da loja — 500 MB de início). O tipo é conferido pelo conteúdo; a prévia é gerada depois da resposta.',
    status: 201,
    emits: 'order.updated',
    emitId: (out) => out.orderId,
    input: z.strictObject({
      ...ItemRef,
      upload: z.string().regex(/^[0-9a-f]{32}$/, say('art.uploadMissing')),
    }),
    output: ItemArt.extend({ orderVersion: z.number().int(), artStatus: ArtStatus }),
    streamUpload: ART_UPLOAD_CEILING,
  }),
  'art.addLink': procedure({
    http: 'POST /api/orders/:id/items/:itemId/art/link',
    permission: 'art.write',
    summary:
      'Informa um link para a arte (Google Drive, WeTransfer, qualquer endereço https) em vez de enviar o arquivo.',
    status: 201,
    emits: 'order.updated',
    emitId: (out) => out.orderId,
    input: z.strictObject({ ...ItemRef, url: ArtLinkUrl, name: Text(200).optional() }),
    output: ItemArt.extend({ orderVersion: z.number().int(), artStatus: ArtStatus }),
  }),
  'art.remove': procedure({
    http: 'DELETE /api/orders/:id/items/:itemId/art/:artId',
    permission: 'art.write',
    summary: 'Retira uma arte de um item (o arquivo fica guardado enquanto outro item o usar).',
    emits: 'order.updated',
    emitId: (out) => out.orderId,
    input: z.strictObject({ ...ItemRef, artId: Id }),
    output: Changed.extend({ deleted: z.literal(true) }),
  }),
  'art.decide': procedure({
    http: 'POST /api/orders/:id/items/:itemId/art/decision',
    permission: 'art.approve',
    summary:
      'Aprova a arte de um item ou registra o pedido de alteração: quem, quando, por qual canal e uma observação.',
    emits: 'order.updated',
    emitId: (out) => out.orderId,
    input: z.strictObject({
      ...ItemRef,
      decision: ArtDecision,
      channel: ArtChannel,
      note: Note(1000).optional(),
      /** The order's version the user saw (optional: a decision does not overwrite anything typed). */
      version: Version.optional(),
    }),
    output: Changed.extend({ approval: ArtApproval }),
  }),
  'art.forOrder': procedure({
    http: 'GET /api/orders/:id/art',
    permission: 'art.read',
    summary: 'Artes de cada item do pedido: a atual, as anteriores e o histórico de aprovação.',
    input: z.strictObject({ id: Id }),
    output: z.object({ orderId: z.number().int(), items: z.array(ItemArtState) }),
  }),
  'art.board': procedure({
    http: 'GET /api/production/board/art',
    permission: 'art.read',
    summary: 'Miniaturas e situação da arte dos itens dos pedidos em aberto, para os cartões do quadro.',
    input: z.strictObject({}),
    output: z.object({
      items: z.array(
        z.object({
          orderId: z.number().int(),
          itemId: z.number().int(),
          position: z.number().int(),
          artStatus: ArtStatus,
          name: z.string().nullable(),
          kind: z.enum(['arquivo', 'link']).nullable(),
          format: ArtFormat.nullable(),
          thumbUrl: z.string().nullable(),
        }),
      ),
    }),
  }),
  'art.download': procedure({
    http: 'GET /api/art/:artId/download',
    permission: 'art.read',
    summary: 'Baixa o arquivo de arte como foi enviado, com o nome original.',
    input: z.strictObject({ artId: Id }),
    output: fileOutput('application/octet-stream'),
  }),
  'art.preview': procedure({
    http: 'GET /api/art/files/:fileId/preview',
    permission: 'art.read',
    summary: 'Prévia da arte em JPEG (primeira página de um PDF; lado maior de até 3000 px).',
    input: z.strictObject({ fileId: FileId }),
    output: fileOutput('image/jpeg'),
  }),
  'art.thumb': procedure({
    http: 'GET /api/art/files/:fileId/thumb',
    permission: 'art.read',
    summary: 'Miniatura da arte (WebP, até 320 px).',
    input: z.strictObject({ fileId: FileId }),
    output: fileOutput('image/webp'),
  }),
  'art.config': procedure({
    http: 'GET /api/settings/art',
    permission: 'art.read',
    summary: 'Tamanho máximo de um arquivo de arte (MB).',
    input: z.strictObject({}),
    output: ArtConfig,
  }),
  'art.setConfig': procedure({
    http: 'PATCH /api/settings/art',
    permission: 'settings.write',
    summary: 'Muda o tamanho máximo de um arquivo de arte (1 a 2048 MB).',
    input: z.strictObject({ maxUploadMb: z.number().int().min(1).max(2048) }),
    output: ArtConfig,
  }),
};
