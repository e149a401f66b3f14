import { z } from 'zod';
import { t } from '../i18n';
import { BusinessDate, Id, Instant, Line, Note, QueryBool, Text, Version } from './common';
import { fileOutput, procedure } from './procedure';

/**
 * Fichas de produção (issue 11): templates and the fichas of order items. HTTP `/api/fichas` and
 * `/api/ficha-templates`; the PDFs are file procedures.
 */

/** Paper of a template: A4 portrait or landscape, A5, two fichas per A4 (A5 halves), thermal label 100×150 mm. */
export const FICHA_PAPERS = ['a4', 'a4_paisagem', 'a5', 'a4_duas', 'etiqueta'] as const;
export const FichaPaper = z.enum(FICHA_PAPERS);

/**
 * The blocks a template lists, in order: shop header; order number in large type with a QR code;
 * customer; dates and priority; the item's production data; an image (the item's art, or the extra
 * images); size grid; names and numbers; notes; custom fields; one checkbox and signature per stage.
 */
export const FICHA_BLOCK_TYPES = [
  'cabecalho',
  'pedido',
  'cliente',
  'datas',
  'item',
  'imagem',
  'grade',
  'nomes',
  'observacoes',
  'campos',
  'etapas',
] as const;
export type FichaBlockType = (typeof FICHA_BLOCK_TYPES)[number];
export const IMAGE_SOURCES = ['arte', 'extras'] as const;

export const FichaBlock = z
  .strictObject({
    type: z.string().max(40),
    /** `imagem` only: the item's art, or its other images. */
    source: z.string().max(40).optional(),
    /** `imagem`: fixed height in mm (else it shares the room left). */
    heightMm: z.number().int().min(10).max(400).optional(),
    /** A title printed above the block instead of the usual one. */
    title: Line(60).optional(),
  })
  .superRefine((block, ctx) => {
    if (!(FICHA_BLOCK_TYPES as readonly string[]).includes(block.type)) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: t('fichaTemplates.blockUnknown', { type: block.type, allowed: FICHA_BLOCK_TYPES.join(', ') }),
      });
      return;
    }
    if (block.type === 'imagem' && !(IMAGE_SOURCES as readonly string[]).includes(block.source ?? '')) {
      ctx.addIssue({ code: 'custom', path: ['source'], message: t('fichaTemplates.imageSource') });
    }
    if (block.type !== 'imagem' && block.source !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['source'], message: t('fichaTemplates.sourceOnlyImage') });
    }
  });
export type FichaBlockInput = z.output<typeof FichaBlock>;

export const FichaField = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: () => t('fichaTemplates.fieldKey') }),
  label: Text(60),
});

const templateFields = {
  name: Text(80),
  /** Production types this template is the ficha of (`caneca`, `lona`…); empty: any type. */
  productionTypes: z.array(Text(40)).max(40),
  paper: FichaPaper,
  blocks: z.array(FichaBlock).min(1).max(40),
  fields: z
    .array(FichaField)
    .max(40)
    .superRefine((fields, ctx) => {
      const seen = new Set<string>();
      for (const [i, f] of fields.entries()) {
        if (seen.has(f.key))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'key'],
            message: t('fichaTemplates.fieldRepeated', { key: f.key }),
          });
        seen.add(f.key);
      }
    }),
};

export const FichaTemplateDraft = z.strictObject(templateFields);

export const FichaTemplate = z.object({
  id: z.number().int(),
  name: z.string(),
  productionTypes: z.array(z.string()),
  paper: FichaPaper,
  blocks: z.array(
    z.object({
      type: z.string(),
      source: z.string().optional(),
      heightMm: z.number().int().optional(),
      title: z.string().optional(),
    }),
  ),
  fields: z.array(z.object({ key: z.string(), label: z.string() })),
  isDefault: z.boolean(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});

/** Values production filled in, by custom field key. */
const FichaValues = z.record(z.string().max(40), Note(500, 0));

export const Ficha = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  orderNumber: z.string(),
  /** Null: the ficha of the whole order. */
  itemId: z.number().int().nullable(),
  itemPosition: z.number().int().nullable(),
  itemDescription: z.string().nullable(),
  templateId: z.number().int(),
  templateName: z.string(),
  values: z.record(z.string(), z.string()),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});

const idList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
  z.array(Id).min(1).max(500),
);

/** What a batch takes: orders (list selection, a board column) or today's printing. */
export const FichaBatchInput = z.strictObject({
  orderIds: idList.optional(),
  /** Today's printing: items whose print date is today, in open orders. */
  today: QueryBool.optional(),
  /** Another day's printing (with `today` absent). */
  printDate: BusinessDate.optional(),
  /** Print every ficha on this paper instead of each template's own (e.g. `a4_duas`). */
  paper: FichaPaper.optional(),
});

export const FichaBatch = z.object({
  id: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  ready: z.boolean(),
  failed: z.boolean(),
  /** Path of the PDF once ready. */
  file: z.string().nullable(),
});

const pdf = fileOutput('application/pdf');

export const fichas = {
  'fichaTemplates.list': procedure({
    http: 'GET /api/ficha-templates',
    permission: 'orders.read',
    summary: 'Modelos de ficha de produção: papel, blocos em ordem e campos personalizados.',
    input: z.strictObject({}),
    output: z.object({ items: z.array(FichaTemplate) }),
  }),
  'fichaTemplates.get': procedure({
    http: 'GET /api/ficha-templates/:id',
    permission: 'orders.read',
    summary: 'Um modelo de ficha.',
    input: z.strictObject({ id: Id }),
    output: FichaTemplate,
  }),
  'fichaTemplates.create': procedure({
    http: 'POST /api/ficha-templates',
    permission: 'settings.write',
    summary: 'Cria um modelo de ficha (blocos desconhecidos ou imagem sem fonte dão 400 com a explicação).',
    status: 201,
    emits: 'fichaTemplate.created',
    input: FichaTemplateDraft.extend({ isDefault: z.boolean().default(false) }),
    output: FichaTemplate,
  }),
  'fichaTemplates.update': procedure({
    http: 'PATCH /api/ficha-templates/:id',
    permission: 'settings.write',
    summary: 'Altera um modelo de ficha (exige a versão lida).',
    emits: 'fichaTemplate.updated',
    input: FichaTemplateDraft.partial().extend({ id: Id, version: Version, isDefault: z.boolean().optional() }),
    output: FichaTemplate,
  }),
  'fichaTemplates.delete': procedure({
    http: 'DELETE /api/ficha-templates/:id',
    permission: 'settings.write',
    summary: 'Exclui um modelo que nenhuma ficha usa.',
    emits: 'fichaTemplate.deleted',
    input: z.strictObject({ id: Id }),
    output: z.object({ id: z.number().int(), deleted: z.literal(true) }),
  }),
  'fichaTemplates.preview': procedure({
    http: 'POST /api/ficha-templates/preview',
    permission: 'orders.read',
    summary:
      'PDF de prévia de um modelo ainda não salvo: com um pedido (e item) real, ou com dados de exemplo quando não há pedido.',
    write: false,
    bodyLimit: 256 * 1024,
    input: z.strictObject({
      template: FichaTemplateDraft,
      orderId: Id.optional(),
      itemId: Id.optional(),
    }),
    output: pdf,
  }),

  'fichas.list': procedure({
    http: 'GET /api/fichas',
    permission: 'orders.read',
    summary: 'Fichas de um pedido (ou de um item).',
    input: z.strictObject({ orderId: Id, itemId: Id.optional() }),
    output: z.object({ items: z.array(Ficha) }),
  }),
  'fichas.get': procedure({
    http: 'GET /api/fichas/:id',
    permission: 'orders.read',
    summary: 'Uma ficha com os valores dos campos personalizados.',
    input: z.strictObject({ id: Id }),
    output: Ficha,
  }),
  'fichas.create': procedure({
    http: 'POST /api/fichas',
    permission: 'fichas.write',
    summary:
      'Cria a ficha de um item (ou do pedido inteiro, sem `itemId`); sem `templateId`, o modelo padrão do tipo de produção.',
    status: 201,
    emits: 'ficha.created',
    input: z.strictObject({
      orderId: Id,
      itemId: Id.optional(),
      templateId: Id.optional(),
      values: FichaValues.default({}),
    }),
    output: Ficha,
  }),
  'fichas.update': procedure({
    http: 'PATCH /api/fichas/:id',
    permission: 'fichas.write',
    summary: 'Preenche os campos da ficha ou troca o modelo (exige a versão lida).',
    emits: 'ficha.updated',
    input: z.strictObject({ id: Id, version: Version, templateId: Id.optional(), values: FichaValues.optional() }),
    output: Ficha,
  }),
  'fichas.delete': procedure({
    http: 'DELETE /api/fichas/:id',
    permission: 'fichas.write',
    summary: 'Exclui uma ficha.',
    emits: 'ficha.deleted',
    input: z.strictObject({ id: Id }),
    output: z.object({ id: z.number().int(), deleted: z.literal(true) }),
  }),
  'fichas.pdf': procedure({
    http: 'GET /api/fichas/:id/ficha.pdf',
    permission: 'orders.read',
    summary: 'A ficha em PDF (fonte embutida, imagens reduzidas ao tamanho impresso, QR code do pedido).',
    input: z.strictObject({ id: Id }),
    output: pdf,
  }),
  'fichas.orderPdf': procedure({
    http: 'GET /api/orders/:id/fichas.pdf',
    permission: 'orders.read',
    summary:
      'As fichas de um pedido em um PDF: uma por item (a ficha salva do item, ou o modelo padrão do tipo); com `itemId`, só a daquele item.',
    input: z.strictObject({ id: Id, itemId: Id.optional() }),
    output: pdf,
  }),
  'fichas.batchPdf': procedure({
    http: 'GET /api/fichas/batch.pdf',
    permission: 'orders.read',
    summary:
      'Um PDF com as fichas de vários pedidos (seleção da lista, coluna do quadro) ou da impressão do dia, gerado aos poucos.',
    input: FichaBatchInput,
    output: pdf,
  }),
  'fichas.batchStart': procedure({
    http: 'POST /api/fichas/batches',
    permission: 'orders.read',
    summary:
      'Começa a gerar um lote de fichas em segundo plano; acompanhe com `fichas.batchStatus` e baixe com `fichas.batchFile`.',
    status: 201,
    write: false,
    input: FichaBatchInput,
    output: FichaBatch,
  }),
  'fichas.batchStatus': procedure({
    http: 'GET /api/fichas/batches/:id',
    permission: 'orders.read',
    summary: 'Quantas fichas do lote já foram geradas.',
    input: z.strictObject({ id: z.string().max(64) }),
    output: FichaBatch,
  }),
  'fichas.batchFile': procedure({
    http: 'GET /api/fichas/batches/:id/fichas.pdf',
    permission: 'orders.read',
    summary: 'O PDF de um lote de fichas já gerado.',
    input: z.strictObject({ id: z.string().max(64) }),
    output: pdf,
  }),
};
