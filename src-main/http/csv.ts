import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OutputOf } from '../../src-shared/contract';
import { formatDateBR, formatInstantBR } from '../../src-shared/domain/dates';
import type { Access } from '../../src-shared/permissions';
import type { App } from '../app';
import { fileAccess } from './reply';

/** A number as Excel in Brazil reads it: `-20,00`, `1.234,5`, `12`. Such cells are data, never formulas. */
const NUMERIC = /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;

/**
 * One CSV cell, for every export. Text that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or carriage return, even after spaces) gets a leading `'`, so a customer
 * name or payment note like `=HYPERLINK(…)` shows as text; numbers (`-20,00`) are left as they are.
 */
export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && !NUMERIC.test(s) && /^[\s]*[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Excel in Brazil opens `;`-separated UTF-8 with a BOM and decimal commas. */
export function toCsv(rows: Array<Array<string | number | null>>): string {
  return `\ufeff${rows.map((r) => r.map(csvCell).join(';')).join('\n')}\n`;
}

const reais = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
const csv = toCsv;

export const CSV_ROUTES: Array<{ path: string; permission: Access; summary: string; mime: string }> = [
  {
    path: '/api/payments/export.csv',
    permission: 'payments.read',
    summary: 'Histórico financeiro em CSV (mesmos filtros de GET /api/payments).',
    mime: 'text/csv',
  },
  {
    path: '/api/reports/delinquency.csv',
    permission: 'credit.read',
    summary: 'Relatório de inadimplência em CSV (mesmos filtros).',
    mime: 'text/csv',
  },
];

const CSV_PERMISSIONS: Record<string, Access> = Object.fromEntries(CSV_ROUTES.map((r) => [r.path, r.permission]));

/**
 * CSV exports reuse the procedures through the dispatcher (same session, permission and
 * validation), so an export shows exactly what the screen shows.
 */
export function registerCsv(server: FastifyInstance, app: App): void {
  // The caller is checked once (session header or signed link); the procedures then run as that user.
  const users = new WeakMap<FastifyRequest, number>();
  const call = async (request: FastifyRequest, name: string, input: unknown) => {
    let userId = users.get(request);
    if (userId === undefined) {
      userId = (await fileAccess(request, app, CSV_PERMISSIONS[request.routeOptions.url ?? ''] ?? 'authenticated')).id;
      users.set(request, userId);
    }
    return app.dispatcher.call(name, input, { transport: 'http', asUserId: userId, ip: request.ip });
  };
  const filters = (request: FastifyRequest) => {
    const { u: _u, exp: _e, sig: _s, ...rest } = request.query as Record<string, unknown>;
    return rest;
  };

  server.get('/api/payments/export.csv', async (request, reply) => {
    const rows: Array<Array<string | number | null>> = [
      [
        'Recibo',
        'Data',
        'Cliente',
        'Referência',
        'Forma',
        'Principal',
        'Multa',
        'Juros',
        'Total',
        'Recebido por',
        'Observações',
      ],
    ];
    for (let page = 1; page <= 500; page++) {
      const out = (await call(request, 'payments.list', {
        ...filters(request),
        page,
        perPage: 200,
      })) as OutputOf<'payments.list'>;
      for (const p of out.items) {
        rows.push([
          p.receiptNumber,
          formatInstantBR(p.paidAt),
          p.customerName,
          p.installmentCode ?? p.orderNumber ?? '',
          p.paymentMethodName,
          reais(p.amountCents),
          reais(p.fineCents),
          reais(p.interestCents),
          reais(p.totalCents),
          p.receivedByName,
          p.reversalReason ? `Estorno: ${p.reversalReason}` : p.notes,
        ]);
      }
      if (page * 200 >= out.total) break;
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="pagamentos.csv"')
      .send(csv(rows));
  });

  server.get('/api/reports/delinquency.csv', async (request, reply) => {
    const out = (await call(request, 'reports.delinquency', {
      limit: 100_000,
      ...filters(request),
    })) as OutputOf<'reports.delinquency'>;
    const rows: Array<Array<string | number | null>> = [
      [
        'Cliente',
        'Telefone',
        'Parcelas',
        'Principal vencido',
        'Encargos',
        'Vencimento mais antigo',
        '1–30 dias',
        '31–60 dias',
        '61–90 dias',
        'Mais de 90 dias',
      ],
      ...out.items.map((r) => [
        r.customerName,
        r.phone,
        r.count,
        reais(r.principalCents),
        reais(r.chargesCents),
        formatDateBR(r.oldestDueDate),
        reais(r.buckets.d1_30),
        reais(r.buckets.d31_60),
        reais(r.buckets.d61_90),
        reais(r.buckets.d90plus),
      ]),
      [
        'Total',
        '',
        out.totals.count,
        reais(out.totals.principalCents),
        reais(out.totals.chargesCents),
        '',
        reais(out.totals.buckets.d1_30),
        reais(out.totals.buckets.d31_60),
        reais(out.totals.buckets.d61_90),
        reais(out.totals.buckets.d90plus),
      ],
    ];
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="inadimplencia-${out.asOf}.csv"`)
      .send(csv(rows));
  });
}
