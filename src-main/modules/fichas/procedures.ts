import type { fichas } from '../../../src-shared/contract/fichas';
import type { Implementation } from '../../rpc/context';
import { batchFile, batchPdf, batchStatus, startBatch } from './batch';
import { createFicha, deleteFicha, fichaPdf, getFicha, listFichas, orderPdf, previewPdf, updateFicha } from './service';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate } from './templates';

export const fichaProcedures = {
  'fichaTemplates.list': async (_input, ctx) => ({ items: await listTemplates(ctx.db) }),
  'fichaTemplates.get': (input, ctx) => getTemplate(ctx.db, input.id),
  'fichaTemplates.create': (input, ctx) => createTemplate(ctx, input),
  'fichaTemplates.update': (input, ctx) => updateTemplate(ctx, input),
  'fichaTemplates.delete': (input, ctx) => deleteTemplate(ctx, input.id),
  'fichaTemplates.preview': (input, ctx) => previewPdf(ctx, input),

  'fichas.list': async (input, ctx) => ({ items: await listFichas(ctx.db, input.orderId, input.itemId) }),
  'fichas.get': (input, ctx) => getFicha(ctx.db, input.id),
  'fichas.create': (input, ctx) => createFicha(ctx, input),
  'fichas.update': (input, ctx) => updateFicha(ctx, input),
  'fichas.delete': (input, ctx) => deleteFicha(ctx, input.id),
  'fichas.pdf': (input, ctx) => fichaPdf(ctx, input.id),
  'fichas.orderPdf': (input, ctx) => orderPdf(ctx, input.id, input.itemId),
  'fichas.batchPdf': (input, ctx) => batchPdf(ctx, input),
  'fichas.batchStart': (input, ctx) => startBatch(ctx, input),
  'fichas.batchStatus': (input, ctx) => batchStatus(ctx, input.id),
  'fichas.batchFile': (input, ctx) => batchFile(ctx, input.id),
} satisfies Implementation<typeof fichas>;
