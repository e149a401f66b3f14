import { z } from 'zod';
import { PAYMENT_STATES } from '../domain/payment-state';
import {
  BusinessDate,
  Cents,
  Clearable,
  CursorInput,
  Id,
  Instant,
  Line,
  ListOf,
  Mm,
  Note,
  PageInput,
  QueryBool,
  QueryInt,
  say,
  Text,
  Version,
} from './common';
import { fileOutput, procedure } from './procedure';
import { EXPORT_MIMES } from './transfer';
import { restricted, restrictedInput, restrictedValues, scopedRow } from './visibility';

/** Money in an answer: only roles with `money.read` see it (production does not). */
const money = <T extends z.ZodType>(schema: T) => restricted(schema, 'money.read');
/** Money in a request: only roles with `money.read` may set it. */
const moneyInput = <T extends z.ZodType>(schema: T, label: string) => restrictedInput(schema, 'money.read', label);

export const ORDER_STATUSES = ['pendente', 'em_producao', 'pronto', 'entregue', 'cancelado'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export const OrderKind = z.enum(['pedido', 'orcamento']);
export const Priority = z.enum(['NORMAL', 'ALTA']);
/** `alteracao`: the customer asked for changes to the art (art module, `art.decide`). */
export const ART_STATUSES = ['aguardando_arte', 'arte_enviada', 'aprovada', 'alteracao'] as const;
export const ArtStatus = z.enum(ART_STATUSES);
/** How the customer answered about the art: `balcao` is in person. */
export const ArtChannel = z.enum(['balcao', 'whatsapp', 'email', 'telefone']);
export const SeamKind = z.enum(['sem', 'com']);

const Extra = z.strictObject({
  name: Text(40),
  quantity: z.number().int().min(1).max(100_000),
  unitPriceCents: moneyInput(Cents, 'preço do adicional'),
});
const ExtraOut = z.object({ name: z.string(), quantity: z.number().int(), unitPriceCents: money(z.number().int()) });

/** Apparel and sublimation items: pieces per size, summing to the item's quantity (checked by the server, 422). */
export const SizeGridInput = z
  .array(z.strictObject({ size: Text(10), quantity: z.number().int().min(0).max(100_000) }))
  .max(30);
/** Name and number per piece (team jerseys), optionally its size; at most one per piece. */
export const PieceNamesInput = z
  .array(z.strictObject({ name: Line(60), number: Line(10), size: Line(10).optional() }))
  .max(2000);

export const OrderItemInput = z.strictObject({
  /** An existing item's id keeps it (and its images) when the order is edited. */
  id: Id.optional(),
  productId: Id,
  description: Note(300),
  widthMm: Mm.nullable().optional(),
  heightMm: Mm.nullable().optional(),
  quantity: z.number().int().min(1).max(100_000),
  materialId: Id.nullable().optional(),
  finishId: Id.nullable().optional(),
  /** Omitted on an existing item: kept as it was (new items: 'sem', 0, []). */
  seams: SeamKind.optional(),
  seamCount: z.number().int().min(0).max(100).optional(),
  extras: z.array(Extra).max(20).optional(),
  /** Defaults to the product's price; for m² products it is the price per m². */
  unitPriceCents: moneyInput(Cents.optional(), 'preço unitário'),
  designerId: Id.nullable().optional(),
  machineId: Id.nullable().optional(),
  colorProfile: Clearable(Text(60)),
  rip: Clearable(Text(60)),
  printDate: Clearable(BusinessDate),
  notes: Clearable(Note(2000)),
  artStatus: ArtStatus.optional(),
  artChannel: ArtChannel.nullable().optional(),
  /** Omitted on an existing item: kept as it was (new items: none). */
  sizeGrid: SizeGridInput.optional(),
  names: PieceNamesInput.optional(),
});

export const ItemImage = z.object({
  id: z.number().int(),
  mediaId: z.string(),
  mime: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  sizeBytes: z.number().int(),
  url: z.string(),
  thumbUrl: z.string(),
  createdAt: Instant,
});

export const OrderItem = z.object({
  id: z.number().int(),
  position: z.number().int(),
  productId: z.number().int(),
  productName: z.string(),
  productionType: z.string(),
  unit: z.enum(['un', 'm2', 'm']),
  description: z.string(),
  widthMm: z.number().int().nullable(),
  heightMm: z.number().int().nullable(),
  areaM2: z.number().nullable(),
  quantity: z.number().int(),
  materialId: z.number().int().nullable(),
  finishId: z.number().int().nullable(),
  /** The finish's price and unit as priced on this item (kept when the catalogue changes later). */
  finishPriceCents: money(z.number().int().nullable()),
  finishPriceUnit: z.enum(['un', 'm2', 'm']).nullable(),
  seams: SeamKind,
  seamCount: z.number().int(),
  extras: z.array(ExtraOut),
  unitPriceCents: money(z.number().int()),
  totalCents: money(z.number().int()),
  /** The item's real cost when it was sold (product and material costs, `itemCostCents`); kept when the catalogue changes. */
  costCents: money(z.number().int()),
  designerId: z.number().int().nullable(),
  machineId: z.number().int().nullable(),
  colorProfile: z.string().nullable(),
  rip: z.string().nullable(),
  printDate: z.string().nullable(),
  notes: z.string().nullable(),
  artStatus: ArtStatus,
  artApprovedBy: z.number().int().nullable(),
  artApprovedByName: z.string().nullable(),
  artApprovedAt: Instant.nullable(),
  artChannel: ArtChannel.nullable(),
  images: z.array(ItemImage),
  sizeGrid: z.array(z.object({ size: z.string(), quantity: z.number().int() })),
  names: z.array(z.object({ name: z.string(), number: z.string(), size: z.string().optional() })),
});

export const OrderStage = z.object({
  key: z.string(),
  label: z.string(),
  position: z.number().int(),
  done: z.boolean(),
  doneAt: Instant.nullable(),
  doneBy: z.number().int().nullable(),
  doneByName: z.string().nullable(),
});

const summaryFields = {
  id: z.number().int(),
  number: z.string(),
  kind: OrderKind,
  validUntil: z.string().nullable(),
  expired: z.boolean(),
  customerId: z.number().int(),
  customerName: z.string(),
  customerPhone: z.string().nullable(),
  customerCity: z.string().nullable(),
  entryDate: z.string(),
  deliveryDate: z.string().nullable(),
  priority: Priority,
  status: OrderStatus,
  currentStage: z.string().nullable(),
  stageSince: Instant.nullable(),
  overdue: z.boolean(),
  sellerId: z.number().int().nullable(),
  itemsCount: z.number().int(),
  itemsTotalCents: money(z.number().int()),
  totalCents: money(z.number().int()),
  /** Received so far (payments and down payments, less reversals). */
  paidCents: money(z.number().int()),
  /** Moved to a crediário (installment plan). */
  financedCents: money(z.number().int()),
  balanceCents: money(z.number().int()),
  /** One computation for every screen: sem_valor, em_aberto, parcial, no_crediario, pago. */
  paymentState: money(z.enum(PAYMENT_STATES)),
  /** Still owed on the order's active crediário plans (open installments, interest included). */
  creditOpenCents: money(z.number().int()),
  isReprint: z.boolean(),
  version: z.number().int(),
};

/**
 * An order is a row of its customer's finances: a seller (no `finance.shop`) sees its money only when
 * the customer is theirs (see `ROW_SCOPES.customerFinance`); other sellers' orders come without it.
 */
export const OrderSummary = scopedRow(z.object(summaryFields), 'customerFinance');

export const Order = scopedRow(
  z.object({
    ...summaryFields,
    notes: z.string().nullable(),
    shippingMethodId: z.number().int().nullable(),
    freightCents: money(z.number().int()),
    discountCents: money(z.number().int()),
    paymentMethodId: money(z.number().int().nullable()),
    paymentNotes: money(z.string().nullable()),
    reprintOfOrderId: z.number().int().nullable(),
    reprintReason: z.string().nullable(),
    reprintCostCents: money(z.number().int().nullable()),
    cancelReason: z.string().nullable(),
    deliveredAt: Instant.nullable(),
    items: z.array(OrderItem),
    stages: z.array(OrderStage),
    createdAt: Instant,
    updatedAt: Instant,
  }),
  'customerFinance',
);

const orderFields = {
  kind: OrderKind.default('pedido'),
  validUntil: Clearable(BusinessDate),
  customerId: Id,
  entryDate: BusinessDate.optional(),
  deliveryDate: Clearable(BusinessDate),
  priority: Priority.default('NORMAL'),
  notes: Clearable(Note(4000)),
  sellerId: Id.nullable().optional(),
  shippingMethodId: Id.nullable().optional(),
  /** Defaults to the shipping method's freight. */
  freightCents: moneyInput(Cents.optional(), 'frete'),
  discountCents: moneyInput(Cents.default(0), 'desconto'),
  paymentMethodId: moneyInput(Id.nullable().optional(), 'forma de pagamento'),
  paymentNotes: moneyInput(Clearable(Note(1000)), 'condições de pagamento'),
  items: z.array(OrderItemInput).min(1, say('orders.itemsRequired')).max(200),
};

export const OrderCreateInput = z.strictObject(orderFields);
export const OrderUpdateInput = z.strictObject({
  id: Id,
  version: Version,
  validUntil: orderFields.validUntil,
  customerId: Id.optional(),
  entryDate: BusinessDate.optional(),
  deliveryDate: orderFields.deliveryDate,
  priority: Priority.optional(),
  notes: orderFields.notes,
  sellerId: orderFields.sellerId,
  shippingMethodId: orderFields.shippingMethodId,
  freightCents: orderFields.freightCents,
  discountCents: moneyInput(Cents.optional(), 'desconto'),
  paymentMethodId: orderFields.paymentMethodId,
  paymentNotes: orderFields.paymentNotes,
  items: orderFields.items.optional(),
});

const arrayParam = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(10));

export const ORDER_SORTS = [
  '-entryDate',
  'entryDate',
  'deliveryDate',
  '-deliveryDate',
  '-number',
  'number',
  '-totalCents',
] as const;

export const OrderListInput = z.strictObject({
  ...PageInput,
  from: BusinessDate.optional(),
  to: BusinessDate.optional(),
  /** `validade`: quotes by the last day they are valid (Início's "orçamentos vencendo"). */
  dateMode: z.enum(['entrada', 'entrega', 'qualquer', 'validade']).default('entrada'),
  status: arrayParam(OrderStatus).optional(),
  kind: z.enum(['pedido', 'orcamento', 'todos']).default('todos'),
  customerId: Id.optional(),
  sellerId: Id.optional(),
  designerId: Id.optional(),
  productionType: Line(40).optional(),
  priority: Priority.optional(),
  overdue: QueryBool.optional(),
  expired: QueryBool.optional(),
  reprint: QueryBool.optional(),
  /** Only the orders of the user's own customers (a seller's, as in finance; who sees the whole shop gets every order). */
  own: QueryBool.optional(),
  /** Where the money stands (same states as `paymentState`); a seller's filter keeps to their own customers. */
  paymentState: restrictedInput(arrayParam(z.enum(PAYMENT_STATES)).optional(), 'money.read', 'situação do pagamento'),
  text: Line(100).optional(),
  /** Sorting by money is for who sees money (`money.read`): production gets 400 on `sort`. */
  sort: restrictedValues(z.enum(ORDER_SORTS), ['-totalCents'], 'money.read', 'ordenar pelo valor do pedido').default(
    '-entryDate',
  ),
});

/** The list's filters, for exports: the same input without paging. */
export const OrderExportInput = OrderListInput.omit({ page: true, perPage: true });

export const BatchResult = z.object({
  moved: z.array(
    z.object({ id: z.number().int(), number: z.string(), status: OrderStatus, version: z.number().int() }),
  ),
  failed: z.array(z.object({ id: z.number().int(), number: z.string().nullable(), reason: z.string() })),
});

export const DEADLINE_BUCKETS = ['atrasado', 'hoje', 'amanha', 'semana', 'depois'] as const;
export const DeadlineBucket = z.enum(DEADLINE_BUCKETS);

/** What the deadlines screen shows of an order: a slim row, not the whole summary. */
export const DeadlineRow = scopedRow(
  OrderSummary.pick({
    id: true,
    number: true,
    customerId: true,
    customerName: true,
    customerPhone: true,
    deliveryDate: true,
    priority: true,
    status: true,
    currentStage: true,
    overdue: true,
    totalCents: true,
    paidCents: true,
    paymentState: true,
  }).extend({ bucket: DeadlineBucket }),
  'customerFinance',
);

/** An image's id (SHA-256 of its bytes); anything else is simply not found. */
const MediaId = z.string().max(200);

export const orders = {
  'orders.list': procedure({
    http: 'GET /api/orders',
    permission: 'orders.read',
    summary:
      'Lista pedidos e orçamentos com filtros (datas por entrada/entrega, status, cliente, vendedor, designer, tipo, prioridade, atrasados, texto).',
    input: OrderListInput,
    output: ListOf(OrderSummary).extend({
      /** True when a text search matched more than `total` orders (the count stops at 1.000). */
      totalCapped: z.boolean(),
    }),
  }),
  'orders.get': procedure({
    http: 'GET /api/orders/:id',
    permission: 'orders.read',
    summary: 'Um pedido com itens, imagens e etapas.',
    input: z.strictObject({ id: Id }),
    output: Order,
  }),
  'orders.create': procedure({
    http: 'POST /api/orders',
    permission: 'orders.write',
    summary: 'Cria um pedido ou orçamento; os totais são calculados pelo servidor.',
    status: 201,
    emits: 'order.created',
    input: OrderCreateInput,
    output: Order,
  }),
  'orders.update': procedure({
    http: 'PATCH /api/orders/:id',
    permission: 'orders.write',
    summary: 'Altera um pedido (exige a versão lida; 409 se outra pessoa alterou antes). `items` substitui a lista.',
    emits: 'order.updated',
    input: OrderUpdateInput,
    output: Order,
  }),
  'orders.delete': procedure({
    http: 'DELETE /api/orders/:id',
    permission: 'orders.delete',
    summary: 'Exclui um pedido sem pagamentos (somente administrador). Para os demais, cancele com motivo.',
    emits: 'order.deleted',
    input: z.strictObject({ id: Id }),
    output: z.object({ id: z.number().int(), deleted: z.literal(true) }),
  }),
  'orders.convert': procedure({
    http: 'POST /api/orders/:id/convert',
    permission: 'orders.write',
    summary: 'Transforma um orçamento em pedido, mantendo os itens.',
    emits: 'order.updated',
    input: z.strictObject({ id: Id, deliveryDate: BusinessDate.optional() }),
    output: Order,
  }),
  'orders.stage': procedure({
    http: 'POST /api/orders/:id/stages/:stage',
    permission: 'orders.stages',
    summary: 'Marca ou desmarca uma etapa de produção; desfazer uma etapa desfaz as seguintes.',
    emits: 'order.updated',
    input: z.strictObject({
      id: Id,
      stage: Line(30, 1),
      done: z.boolean(),
      version: Version.optional(),
      machineId: Id.nullable().optional(),
      printDate: BusinessDate.optional(),
    }),
    output: Order,
  }),
  'orders.setStatus': procedure({
    http: 'POST /api/orders/:id/status',
    permission: 'orders.write',
    summary: 'Entrega ou cancela um pedido (cancelar exige motivo); movimentos inválidos dão 422 com o motivo.',
    emits: 'order.updated',
    input: z.strictObject({
      id: Id,
      status: z.enum(['entregue', 'cancelado']),
      reason: Clearable(Note(500)),
      version: Version.optional(),
    }),
    output: Order,
  }),
  'orders.batchStatus': procedure({
    http: 'POST /api/orders/batch-status',
    permission: 'orders.write',
    summary:
      'Muda o status de vários pedidos; cada um segue as mesmas regras e a resposta diz quais mudaram e por que os outros não.',
    emits: 'order.updated',
    emitId: (out) => out.moved.map((m) => m.id),
    input: z.strictObject({
      ids: z.array(Id).min(1).max(500),
      status: z.enum(['entregue', 'cancelado']),
      reason: Clearable(Note(500)),
    }),
    output: BatchResult,
  }),
  'orders.reprint': procedure({
    http: 'POST /api/orders/:id/reprints',
    permission: 'orders.write',
    summary: 'Cria uma reposição de um item: um novo pedido ligado ao original, marcado como reposição.',
    status: 201,
    emits: 'order.created',
    input: z.strictObject({
      id: Id,
      itemId: Id,
      reason: Note(500),
      costCents: moneyInput(Cents.default(0), 'custo da reposição'),
    }),
    output: Order,
  }),
  'orders.deadlines': procedure({
    http: 'GET /api/orders/deadlines',
    permission: 'orders.read',
    summary:
      'O que vence nos próximos dias, por grupo (atrasado, hoje, amanhã, esta semana, depois): até `perBucket` linhas ' +
      'de cada, com a contagem do grupo e `nextCursor`; com `bucket` e `cursor`, a página seguinte daquele grupo.',
    input: z.strictObject({
      days: QueryInt(0, 60).default(7),
      perBucket: QueryInt(1, 200).default(25),
      /** Only this group (with `cursor`: its next page). */
      bucket: DeadlineBucket.optional(),
      cursor: CursorInput,
    }),
    output: z.object({
      /** Rows of every group asked, group by group: overdue oldest first, then by date, urgent first, number. */
      items: z.array(DeadlineRow),
      buckets: z.array(
        z.object({ bucket: DeadlineBucket, count: z.number().int(), nextCursor: z.string().nullable() }),
      ),
      total: z.number().int(),
    }),
  }),
  'orders.history': procedure({
    http: 'GET /api/orders/:id/history',
    permission: 'orders.read',
    summary: 'Histórico do pedido: quem fez o quê e quando.',
    input: z.strictObject({ id: Id }),
    output: z.object({
      items: z.array(
        z.object({
          id: z.number().int(),
          at: Instant,
          userName: z.string().nullable(),
          action: z.string(),
          details: z.string(),
        }),
      ),
    }),
  }),
  'orders.addImage': procedure({
    http: 'POST /api/orders/:id/items/:itemId/images',
    permission: 'orders.write',
    summary: 'Anexa uma imagem (JPEG, PNG ou WebP até 10 MB; multipart ou {"dataUrl"}) a um item; gera miniatura.',
    status: 201,
    emits: 'order.updated',
    emitId: (out) => out.orderId,
    bodyLimit: 15 * 1024 * 1024,
    input: z.strictObject({ id: Id, itemId: Id, dataUrl: z.string().max(15_000_000) }),
    output: ItemImage.extend({ orderId: z.number().int(), itemId: z.number().int(), orderVersion: z.number().int() }),
  }),
  'orders.removeImage': procedure({
    http: 'DELETE /api/orders/:id/items/:itemId/images/:imageId',
    permission: 'orders.write',
    summary: 'Retira uma imagem de um item.',
    emits: 'order.updated',
    emitId: (out) => out.orderId,
    input: z.strictObject({ id: Id, itemId: Id, imageId: Id }),
    output: z.object({
      id: z.number().int(),
      orderId: z.number().int(),
      orderVersion: z.number().int(),
      deleted: z.literal(true),
    }),
  }),
  'orders.byCustomer': procedure({
    http: 'GET /api/customers/:id/orders',
    permission: 'orders.read',
    summary: 'Histórico de pedidos e orçamentos do cliente.',
    input: z.strictObject({ id: Id, ...PageInput }),
    output: ListOf(OrderSummary).extend({ totalCapped: z.boolean() }),
  }),
  'orders.board': procedure({
    http: 'GET /api/production/board',
    permission: 'orders.read',
    summary: 'Quadro de produção: pedidos em andamento por etapa, e os prontos.',
    input: z.strictObject({}),
    output: z.object({
      columns: z.array(z.object({ key: z.string(), label: z.string(), orders: z.array(OrderSummary) })),
      /** True when there are more open orders than the board shows (it shows the first 1.500 by priority and date). */
      truncated: z.boolean(),
    }),
  }),
  'orders.alerts': procedure({
    http: 'GET /api/production/alerts',
    permission: 'orders.read',
    summary: 'Alertas: atrasados, urgentes (vencem em até um dia e não começaram) e parados numa etapa além do limite.',
    input: z.strictObject({}),
    output: z.object({
      items: z.array(
        z.object({
          kind: z.enum(['atrasado', 'urgente', 'parado']),
          /** atrasado: days late; urgente: days to the delivery date (0 today, 1 tomorrow); parado: hours in the stage. */
          count: z.number().int(),
          /** parado: the stage's label (null for the others). */
          stage: z.string().nullable(),
          /** The alert said in the caller's language (`alerts.<kind>` with the order's number and customer, count, stage). */
          message: z.string(),
          order: OrderSummary,
        }),
      ),
    }),
  }),
  'orders.image': procedure({
    http: 'GET /api/media/:id',
    permission: 'authenticated',
    summary: 'Imagem anexada a um item (JPEG, PNG ou WebP).',
    input: z.strictObject({ id: MediaId }),
    output: fileOutput('image/*'),
  }),
  'orders.imageThumb': procedure({
    http: 'GET /api/media/:id/thumb',
    permission: 'authenticated',
    summary: 'Miniatura da imagem (WebP, até 320 px).',
    input: z.strictObject({ id: MediaId }),
    output: fileOutput('image/webp'),
  }),
  'orders.exportCsv': procedure({
    http: 'GET /api/orders/export.csv',
    permission: 'orders.read',
    summary:
      'Pedidos em CSV para o Excel (`;`, UTF-8 com BOM, dd/mm/aaaa, vírgula decimal), uma linha por item com as colunas do pedido, ' +
      'com os filtros da lista; enviado aos poucos (1 milhão de pedidos sem carregar tudo na memória). Valores só para quem os vê.',
    input: OrderExportInput,
    output: fileOutput(EXPORT_MIMES.csv),
  }),
  'orders.exportXlsx': procedure({
    http: 'GET /api/orders/export.xlsx',
    permission: 'orders.read',
    summary: 'Pedidos em planilha XLSX, uma linha por item, com os filtros da lista; escrita aos poucos.',
    input: OrderExportInput,
    output: fileOutput(EXPORT_MIMES.xlsx),
  }),
  // --- docs: quote and order documents ---
  'orders.quotePdf': procedure({
    http: 'GET /api/orders/:id/orcamento.pdf',
    permission: 'orders.read',
    summary:
      'Orçamento em PDF com o cabeçalho da empresa: itens com miniatura, tamanho, material, acabamento, preços (só para quem vê valores), validade e condições.',
    input: z.strictObject({ id: Id }),
    output: fileOutput('application/pdf'),
  }),
  'orders.osPdf': procedure({
    http: 'GET /api/orders/:id/os.pdf',
    permission: 'orders.read',
    summary:
      'Pedido / ordem de serviço em PDF com o cabeçalho da empresa: itens, entrega, situação e assinatura (preços só para quem vê valores).',
    input: z.strictObject({ id: Id }),
    output: fileOutput('application/pdf'),
  }),
};
