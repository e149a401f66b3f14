import type { ParsedInputOf } from '../../../src-shared/contract';
import { Installment } from '../../../src-shared/contract/finance';
import type { FileBody } from '../../../src-shared/contract/procedure';
import { isValidDocument, onlyDigits } from '../../../src-shared/domain/documents';
import { foldText } from '../../../src-shared/domain/text';
import { type Msg, msg } from '../../../src-shared/i18n';
import type { Db } from '../../db/connection';
import type { InstallmentRow } from '../../db/schema';
import { parseDateLoose, parseMoneyLoose } from '../../documents/csv-read';
import { type Column, chunks, exportFile, type Format, visibleColumns } from '../../documents/export';
import type { FieldDef, ImportKind, PlannedRow } from '../../documents/import';
import type { ProcCtx } from '../../rpc/context';
import { grantsOf } from '../../rpc/visibility';
import { installmentsQuery, openImportedPlan } from './plans';
import { customerScope } from './scope';
import { installmentStatus } from './status';

type Filters = ParsedInputOf<'installments.exportCsv'>;

/** The installments list's filters and the user's scope (a seller: their own customers'), shared with the export. */
export function filterInstallments(ctx: ProcCtx, input: Filters, today: string) {
  let q = installmentsQuery(ctx.db);
  const scope = customerScope(ctx, 'installments.customer_id');
  if (scope) q = q.where(scope);
  if (input.customerId) q = q.where('installments.customer_id', '=', input.customerId);
  if (input.status?.length) {
    // "atrasada" is computed from today; stored statuses are refreshed daily.
    const wantsLate = input.status.includes('atrasada');
    const stored = input.status.filter((s) => s !== 'atrasada');
    q = q.where((eb) =>
      eb.or([
        ...(stored.length ? [eb('installments.status', 'in', stored)] : []),
        ...(wantsLate
          ? [
              eb.and([
                eb('installments.status', 'in', ['pendente', 'parcial', 'atrasada']),
                eb('installments.due_date', '<', today),
              ]),
            ]
          : []),
      ]),
    );
  }
  if (input.overdue)
    q = q
      .where('installments.status', 'in', ['pendente', 'parcial', 'atrasada'])
      .where('installments.due_date', '<', today);
  if (input.dueFrom) q = q.where('installments.due_date', '>=', input.dueFrom);
  if (input.dueTo) q = q.where('installments.due_date', '<=', input.dueTo);
  return q;
}

type Joined = InstallmentRow & { customerName: string; orderId: number | null; orderNumber: string | null };

const STATUS: Record<string, string> = {
  pendente: 'Pendente',
  parcial: 'Paga em parte',
  atrasada: 'Atrasada',
  paga: 'Paga',
  renegociada: 'Renegociada',
  cancelada: 'Cancelada',
};

function columns(today: string): Array<Column<Joined>> {
  return [
    { header: 'Promissória', field: 'code', value: (i) => i.code },
    { header: 'Cliente', field: 'customerName', value: (i) => i.customerName },
    { header: 'Pedido', field: 'orderNumber', value: (i) => i.orderNumber },
    { header: 'Parcela', field: 'number', value: (i) => `${i.number}/${i.count}` },
    { header: 'Vencimento', field: 'dueDate', value: (i) => ({ date: i.due_date }) },
    { header: 'Valor', field: 'amountCents', value: (i) => ({ cents: i.amount_cents }) },
    { header: 'Pago', field: 'paidCents', value: (i) => ({ cents: i.paid_cents }) },
    { header: 'Saldo', field: 'balanceCents', value: (i) => ({ cents: Math.max(0, i.amount_cents - i.paid_cents) }) },
    { header: 'Multa paga', field: 'finePaidCents', value: (i) => ({ cents: i.fine_paid_cents }) },
    { header: 'Juros pagos', field: 'interestPaidCents', value: (i) => ({ cents: i.interest_paid_cents }) },
    { header: 'Situação', field: 'status', value: (i) => STATUS[installmentStatus(i, today)] ?? i.status },
  ];
}

/** Installments (promissórias) as the list filters them, by due date, streamed in keyset chunks. */
export function exportInstallments(ctx: ProcCtx, input: Filters, format: Format): FileBody {
  const today = ctx.clock.today();
  const cols = visibleColumns(Installment, columns(today), grantsOf(ctx.user?.role ?? null));
  const rows = chunks<Joined>(
    async (after, limit) =>
      (await filterInstallments(ctx, input, today)
        .$if(after !== null, (b) =>
          b.where((eb) =>
            eb.or([
              eb('installments.due_date', '>', after?.due_date ?? ''),
              eb.and([
                eb('installments.due_date', '=', after?.due_date ?? ''),
                eb('installments.id', '>', after?.id ?? 0),
              ]),
            ]),
          ),
        )
        .orderBy('installments.due_date')
        .orderBy('installments.id')
        .limit(limit)
        .execute()) as Joined[],
  );
  return exportFile({ format, name: 'parcelas', columns: cols, rows });
}

// ---------- Import: open installments from a paper carnê or another system ----------

export const INSTALLMENT_FIELDS: readonly FieldDef[] = [
  {
    key: 'document',
    label: 'CPF/CNPJ',
    aliases: ['cpf/cnpj', 'cnpj/cpf', 'cpf', 'cnpj', 'documento', 'cpf do cliente'],
  },
  { key: 'phone', label: 'Telefone', aliases: ['telefone', 'fone', 'celular', 'whatsapp'] },
  { key: 'customer', label: 'Cliente', aliases: ['cliente', 'nome', 'nome do cliente', 'devedor', 'sacado'] },
  {
    key: 'reference',
    label: 'Carnê',
    aliases: ['carnê', 'carne', 'contrato', 'referência', 'referencia', 'venda', 'documento de origem'],
  },
  { key: 'description', label: 'Descrição', aliases: ['descrição', 'descricao', 'histórico', 'produto'] },
  {
    key: 'number',
    label: 'Parcela',
    required: true,
    aliases: ['parcela', 'nº parcela', 'numero da parcela', 'n parcela'],
  },
  { key: 'count', label: 'Total de parcelas', aliases: ['total de parcelas', 'parcelas', 'de', 'qtd parcelas'] },
  { key: 'dueDate', label: 'Vencimento', required: true, aliases: ['vencimento', 'data de vencimento', 'vence em'] },
  {
    key: 'amountCents',
    label: 'Valor',
    required: true,
    aliases: ['valor', 'valor da parcela', 'valor em aberto', 'saldo'],
  },
];

interface ImportedInstallment {
  customerId: number;
  group: string;
  description: string;
  number: number;
  count: number;
  dueDate: string;
  amountCents: number;
}

/** Customers by document, phone and folded name, for matching rows (only the ones the file names). */
async function customerIndex(db: Db) {
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'document', 'phone', 'whatsapp', 'sort_name'])
    .where('merged_into_id', 'is', null)
    .execute();
  const byDoc = new Map<string, number>();
  const byPhone = new Map<string, number>();
  const byName = new Map<string, number[]>();
  for (const c of rows) {
    if (c.document) byDoc.set(c.document, c.id);
    for (const p of [c.phone, c.whatsapp]) if (p && !byPhone.has(p)) byPhone.set(p, c.id);
    byName.set(c.sort_name, [...(byName.get(c.sort_name) ?? []), c.id]);
  }
  return { byDoc, byPhone, byName };
}

const importedDescription = (reference: string, description: string) =>
  `Carnê importado ${reference}${description ? ` — ${description}` : ''}`.slice(0, 300);

async function planInstallments(
  ctx: ProcCtx,
  rows: Array<{ line: number; values: Record<string, string> }>,
): Promise<Array<PlannedRow<ImportedInstallment>>> {
  const index = await customerIndex(ctx.db);
  const existingPlans = new Set(
    (
      await ctx.db
        .selectFrom('installment_plans')
        .select(['customer_id', 'description'])
        .where('description', 'like', 'Carnê importado %')
        .execute()
    ).map((p) => `${p.customer_id}|${p.description}`),
  );
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const v = r.values;
    const problems: Msg[] = [];
    let customerId: number | undefined;
    const doc = onlyDigits(v.document ?? '');
    const phone = onlyDigits(v.phone ?? '').replace(/^55(?=\d{10,11}$)/, '');
    if (doc) {
      if (!isValidDocument(doc)) problems.push(msg(doc.length === 14 ? 'field.cnpj' : 'field.cpf'));
      else customerId = index.byDoc.get(doc);
    }
    if (customerId === undefined && phone) customerId = index.byPhone.get(phone);
    if (customerId === undefined && v.customer) {
      const ids = index.byName.get(foldText(v.customer)) ?? [];
      if (ids.length > 1) problems.push(msg('import.customerAmbiguous'));
      customerId = ids.length === 1 ? ids[0] : undefined;
    }
    if (customerId === undefined && !problems.length) problems.push(msg('import.customerNotFound'));
    // "3/10" or "3" with the count in its own column.
    const parts = /^\s*(\d{1,3})\s*(?:\/|de)?\s*(\d{1,3})?\s*$/i.exec(v.number ?? '');
    const number = parts ? Number(parts[1]) : Number.NaN;
    const count = parts?.[2] ? Number(parts[2]) : v.count ? Number(onlyDigits(v.count)) : number;
    if (!parts || !(number >= 1) || !(count >= number) || count > 240) problems.push(msg('import.badInstallment'));
    const dueDate = parseDateLoose(v.dueDate ?? '');
    if (!dueDate) problems.push(msg('import.badDate', { field: 'Vencimento' }));
    const amount = parseMoneyLoose(v.amountCents ?? '');
    if (amount === null || amount <= 0) problems.push(msg('import.badMoney', { field: 'Valor' }));
    const row: PlannedRow<ImportedInstallment> = { line: r.line, values: v, problems };
    if (problems.length || customerId === undefined || !dueDate || amount === null) return row;
    const reference = (v.reference ?? '').trim() || 'sem referência';
    const description = importedDescription(reference, (v.description ?? '').trim());
    const group = `${customerId}|${description}`;
    if (existingPlans.has(group)) {
      row.existing = true;
      return row;
    }
    const key = `${group}|${number}`;
    if (seen.has(key)) {
      row.problems.push(msg('import.installmentRepeated', { number, reference }));
      return row;
    }
    seen.set(key, r.line);
    row.data = { customerId, group, description, number, count, dueDate, amountCents: amount };
    return row;
  });
}

/** One crediário per customer and carnê, opened through finance's own service (`openImportedPlan`). */
export const installmentImport: ImportKind<ImportedInstallment> = {
  entity: 'plan',
  fields: INSTALLMENT_FIELDS,
  plan: planInstallments,
  groupOf: (data) => data.group,
  write: async (ctx, rows) => {
    const first = rows[0];
    if (!first) return;
    await openImportedPlan(ctx, { customerId: first.customerId, description: first.description, installments: rows });
  },
  done: (ctx) => ctx.emit({ type: 'plan.created', id: 0, version: null, by: ctx.user?.id ?? null }),
};
