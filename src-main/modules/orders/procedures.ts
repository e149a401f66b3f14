import type { orders } from '../../../src-shared/contract/orders';
import type { FileBody } from '../../../src-shared/contract/procedure';
import { addDays } from '../../../src-shared/domain/credit';
import { t } from '../../../src-shared/i18n';
import { type OrderDocumentKind, orderDocumentPdf } from '../../documents/order-docs';
import { type Implementation, type ProcCtx, prepared } from '../../rpc/context';
import { creditOpenByOrder } from '../finance/payments';
import { customerScope } from '../finance/scope';
import { getProductionSettings } from '../settings/production';
import { listDeadlines } from './deadlines';
import { exportOrders } from './export';
import { attachImage, decodeDataUrl, detachImage, imageFile, type StoredImage, storeImage } from './images';
import { getOrderRow, listOrders, loadOrder, OPEN_STATUSES, toSummary } from './queries';
import {
  batchStatus,
  convertQuote,
  createOrder,
  deleteOrder,
  reprintItem,
  setStatus,
  toggleStage,
  updateOrder,
} from './service';

const BOARD_LIMIT = 1500;

const ACTION_LABELS: Record<string, string> = {
  create: 'Criou',
  update: 'Alterou',
  convert: 'Converteu o orçamento em pedido',
  reprint: 'Criou como reposição',
  delete: 'Excluiu',
  'status:entregue': 'Entregou',
  'status:cancelado': 'Cancelou',
  'image:add': 'Anexou imagem',
  'image:remove': 'Retirou imagem',
};

function describe(action: string, after: unknown, stageLabels: ReadonlyMap<string, string>): string {
  const stage = /^stage:(\w+):(feita|desfeita)$/.exec(action);
  // The stage's name as the shop wrote it ("Conferência"), not its key ("conferencia").
  if (stage)
    return `Etapa ${stageLabels.get(stage[1] as string) ?? stage[1]} ${stage[2] === 'feita' ? 'concluída' : 'desfeita'}`;
  const base = ACTION_LABELS[action] ?? action;
  const reason = (after as { reason?: string } | null)?.reason;
  return reason ? `${base}: ${reason}` : base;
}

export const orderProcedures = {
  'orders.list': (input, ctx) => listOrders(ctx.db, input, ctx.clock.today(), customerScope(ctx, 'orders.customer_id')),
  'orders.get': (input, ctx) => loadOrder(ctx.db, input.id, ctx.clock.today()),
  'orders.create': (input, ctx) => createOrder(ctx, input),
  'orders.update': (input, ctx) => updateOrder(ctx, input),
  'orders.delete': (input, ctx) => deleteOrder(ctx, input.id),
  'orders.convert': (input, ctx) => convertQuote(ctx, input),
  'orders.stage': (input, ctx) => toggleStage(ctx, input),
  'orders.setStatus': (input, ctx) => setStatus(ctx, input),
  'orders.batchStatus': (input, ctx) => batchStatus(ctx, input),
  'orders.reprint': (input, ctx) => reprintItem(ctx, input),

  'orders.deadlines': (input, ctx) => listDeadlines(ctx.db, input, ctx.clock.today()),

  'orders.history': async (input, ctx) => {
    await getOrderRow(ctx.db, input.id);
    const stageRows = await ctx.db
      .selectFrom('order_stages')
      .select(['key', 'label'])
      .where('order_id', '=', input.id)
      .execute();
    const stageLabels = new Map(stageRows.map((r) => [r.key, r.label]));
    const rows = await ctx.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.user_id')
      .select(['audit_log.id', 'audit_log.at', 'users.name as userName', 'audit_log.action', 'audit_log.after'])
      .where('audit_log.entity', '=', 'order')
      .where('audit_log.entity_id', '=', input.id)
      .orderBy('audit_log.id')
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        userName: r.userName,
        action: r.action,
        details: describe(r.action, r.after ? JSON.parse(r.after) : null, stageLabels),
      })),
    };
  },

  'orders.addImage': prepared({
    prepare: (input, ctx) => storeImage(ctx.services.mediaDir, decodeDataUrl(input.dataUrl)),
    run: (input, ctx, image: StoredImage) => attachImage(ctx, input, image),
  }),

  'orders.removeImage': (input, ctx) => detachImage(ctx, input),

  'orders.exportCsv': (input, ctx) => exportOrders(ctx, input, 'csv'),
  'orders.exportXlsx': (input, ctx) => exportOrders(ctx, input, 'xlsx'),

  'orders.byCustomer': (input, ctx) =>
    listOrders(
      ctx.db,
      { ...input, customerId: input.id, dateMode: 'entrada', kind: 'todos', sort: '-entryDate' },
      ctx.clock.today(),
    ),

  'orders.board': async (_input, ctx) => {
    const today = ctx.clock.today();
    const settings = await getProductionSettings(ctx.db);
    const rows = await ctx.db
      .selectFrom('orders')
      .selectAll()
      .where('status', 'in', [...OPEN_STATUSES])
      .where('kind', '=', 'pedido')
      .orderBy('priority')
      .orderBy('delivery_date')
      .orderBy('id')
      .limit(BOARD_LIMIT + 1)
      .execute();
    const truncated = rows.length > BOARD_LIMIT;
    if (truncated) rows.length = BOARD_LIMIT;
    const columns = [
      ...settings.stages.map((s) => ({ key: s.key, label: s.label, orders: [] as ReturnType<typeof toSummary>[] })),
      { key: 'pronto', label: 'Pronto', orders: [] as ReturnType<typeof toSummary>[] },
    ];
    const byKey = new Map(columns.map((c) => [c.key, c]));
    const credit = await creditOpenByOrder(ctx.db, rows);
    for (const row of rows) {
      const key = row.status === 'pronto' ? 'pronto' : (row.current_stage ?? settings.stages[0]?.key ?? 'pronto');
      (byKey.get(key) ?? byKey.get('pronto'))?.orders.push(toSummary(row, today, credit));
    }
    return { columns, truncated };
  },

  'orders.alerts': async (_input, ctx) => {
    const today = ctx.clock.today();
    const tomorrow = addDays(today, 1);
    const settings = await getProductionSettings(ctx.db);
    const stalledBefore = new Date(ctx.clock.now().getTime() - settings.stalledHours * 3600_000).toISOString();
    const base = ctx.db.selectFrom('orders').selectAll().where('kind', '=', 'pedido');
    const late = await base
      .where('status', 'in', [...OPEN_STATUSES])
      .where('delivery_date', '<', today)
      .orderBy('delivery_date')
      .limit(200)
      .execute();
    const urgent = await base
      .where('status', '=', 'pendente')
      .where('delivery_date', '>=', today)
      .where('delivery_date', '<=', tomorrow)
      .orderBy('delivery_date')
      .limit(200)
      .execute();
    const stalled = await base
      .where('status', '=', 'em_producao')
      .where('stage_since', '<', stalledBefore)
      .where((eb) => eb.or([eb('delivery_date', '>=', today), eb('delivery_date', 'is', null)]))
      .orderBy('stage_since')
      .limit(200)
      .execute();
    const labels = new Map(settings.stages.map((s) => [s.key, s.label]));
    const credit = await creditOpenByOrder(ctx.db, [...late, ...urgent, ...stalled]);
    const days = (from: string) => Math.round((Date.parse(today) - Date.parse(from)) / 86_400_000);
    const hours = (since: string) => Math.floor((ctx.clock.now().getTime() - Date.parse(since)) / 3600_000);
    const alert = (
      kind: 'atrasado' | 'urgente' | 'parado',
      r: (typeof late)[number],
      count: number,
      stage: string | null,
    ) => ({
      kind,
      count,
      stage,
      message: t(
        `alerts.${kind}`,
        { number: r.number, customer: r.customer_name, count, stage: stage ?? '' },
        ctx.locale,
      ),
      order: toSummary(r, today, credit),
    });
    return {
      items: [
        ...late.map((r) => alert('atrasado', r, days(r.delivery_date ?? today), null)),
        ...urgent.map((r) => alert('urgente', r, r.delivery_date === today ? 0 : 1, null)),
        ...stalled.map((r) =>
          alert('parado', r, hours(r.stage_since ?? ''), labels.get(r.current_stage ?? '') ?? r.current_stage ?? ''),
        ),
      ],
    };
  },

  'orders.image': (input, ctx) => imageFile(ctx, input.id, false),
  'orders.imageThumb': (input, ctx) => imageFile(ctx, input.id, true),
  // --- docs ---
  'orders.quotePdf': (input, ctx) => orderDocument(ctx, input.id, 'orcamento'),
  'orders.osPdf': (input, ctx) => orderDocument(ctx, input.id, 'os'),
} satisfies Implementation<typeof orders>;

async function orderDocument(ctx: ProcCtx, id: number, kind: OrderDocumentKind): Promise<FileBody> {
  const { pdf, filename } = await orderDocumentPdf(ctx, id, kind);
  return { file: true, mime: 'application/pdf', filename, disposition: 'inline', body: pdf };
}
