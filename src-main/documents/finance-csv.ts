import type { ParsedInputOf } from '../../src-shared/contract';
import type { FileBody } from '../../src-shared/contract/procedure';
import { formatDateBR, formatInstantBR } from '../../src-shared/domain/dates';
import { delinquency, listPayments } from '../modules/finance/reports';
import type { ProcCtx } from '../rpc/context';
import { toCsv } from './csv';

const reais = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
const csv = (filename: string, rows: Array<Array<string | number | null>>): FileBody => ({
  file: true,
  mime: 'text/csv; charset=utf-8',
  filename,
  disposition: 'attachment',
  body: Buffer.from(toCsv(rows)),
});

/** The payments history as the screen shows it (same query, filters and scope), every page of it. */
export async function paymentsCsv(ctx: ProcCtx, input: ParsedInputOf<'payments.exportCsv'>): Promise<FileBody> {
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
    const out = await listPayments(ctx, { ...input, page, perPage: 200 });
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
  return csv('pagamentos.csv', rows);
}

/** The delinquency report as the screen shows it, with a totals line. */
export async function delinquencyCsv(ctx: ProcCtx, input: ParsedInputOf<'reports.delinquencyCsv'>): Promise<FileBody> {
  const out = await delinquency(ctx, input);
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
  return csv(`inadimplencia-${out.asOf}.csv`, rows);
}
