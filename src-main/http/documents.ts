import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { Id } from '../../src-shared/contract/common';
import { AppError } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';
import type { Access } from '../../src-shared/permissions';
import type { App } from '../app';
import { carnePdf, promissoryPdf, receiptPdf } from '../documents/finance-docs';
import { assertRecordInScope } from '../modules/finance/scope';
import { fileAccess } from './reply';

const Params = z.object({ id: Id });

/** PDF documents: generated on request, outside any transaction, for users with the right permission. */
export const DOCUMENT_ROUTES: Array<{
  path: string;
  permission: Access;
  /** The record the id names: a seller gets only their own customers' documents (403 otherwise). */
  record: 'payments' | 'installments' | 'installment_plans';
  summary: string;
  file: (id: number) => string;
  render: (app: App, id: number) => Promise<Buffer>;
}> = [
  {
    path: '/api/payments/:id/receipt.pdf',
    permission: 'payments.read',
    record: 'payments',
    summary: 'Recibo do pagamento (PDF).',
    file: (id) => `recibo-${id}.pdf`,
    render: receiptPdf,
  },
  {
    path: '/api/installments/:id/promissoria.pdf',
    permission: 'credit.read',
    record: 'installments',
    summary: 'Nota promissória da parcela (PDF).',
    file: (id) => `promissoria-${id}.pdf`,
    render: promissoryPdf,
  },
  {
    path: '/api/installment-plans/:id/carne.pdf',
    permission: 'credit.read',
    record: 'installment_plans',
    summary: 'Carnê do crediário, três parcelas por folha A4 (PDF).',
    file: (id) => `carne-${id}.pdf`,
    render: carnePdf,
  },
];

export function registerDocuments(server: FastifyInstance, app: App): void {
  for (const route of DOCUMENT_ROUTES) {
    server.get(route.path, async (request, reply: FastifyReply) => {
      const user = await fileAccess(request, app, route.permission);
      const parsed = Params.safeParse(request.params);
      if (!parsed.success) throw new AppError('NOT_FOUND', msg('documents.notFound'));
      await assertRecordInScope({ db: app.db, user }, route.record, parsed.data.id);
      const pdf = await route.render(app, parsed.data.id);
      return reply
        .type('application/pdf')
        .header('Content-Disposition', `inline; filename="${route.file(parsed.data.id)}"`)
        .send(pdf);
    });
  }
}
