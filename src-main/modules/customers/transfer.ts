import { sql } from 'kysely';
import type { ParsedInputOf } from '../../../src-shared/contract';
import { Customer, CustomerCreateInput } from '../../../src-shared/contract/customers';
import type { FileBody } from '../../../src-shared/contract/procedure';
import { onlyDigits } from '../../../src-shared/domain/documents';
import { msg } from '../../../src-shared/i18n';
import type { CustomerRow } from '../../db/schema';
import { parseDateLoose } from '../../documents/csv-read';
import { type Column, chunks, exportFile, type Format, visibleColumns } from '../../documents/export';
import { checkWith, type FieldDef, type ImportKind, type PlannedRow } from '../../documents/import';
import type { ProcCtx } from '../../rpc/context';
import { grantsOf } from '../../rpc/visibility';
import { createCustomer, filterCustomers } from './service';

// ---------- Export ----------

const COLUMNS: Array<Column<CustomerRow>> = [
  { header: 'Código', field: 'id', value: (c) => c.id },
  { header: 'Nome', field: 'name', value: (c) => c.name },
  { header: 'Tipo', field: 'kind', value: (c) => c.kind },
  { header: 'CPF/CNPJ', field: 'document', value: (c) => c.document },
  { header: 'Telefone', field: 'phone', value: (c) => c.phone },
  { header: 'WhatsApp', field: 'whatsapp', value: (c) => c.whatsapp },
  { header: 'E-mail', field: 'email', value: (c) => c.email },
  { header: 'Nascimento', field: 'birthDate', value: (c) => ({ date: c.birth_date }) },
  { header: 'CEP', field: 'address.cep', value: (c) => c.cep },
  { header: 'Endereço', field: 'address.street', value: (c) => c.street },
  { header: 'Número', field: 'address.number', value: (c) => c.number },
  { header: 'Complemento', field: 'address.complement', value: (c) => c.complement },
  { header: 'Bairro', field: 'address.district', value: (c) => c.district },
  { header: 'Cidade', field: 'address.city', value: (c) => c.city },
  { header: 'UF', field: 'address.state', value: (c) => c.state },
  { header: 'Etiquetas', field: 'tags', value: (c) => (JSON.parse(c.tags) as string[]).join(', ') },
  { header: 'Preferências', field: 'preferences', value: (c) => c.preferences },
  { header: 'Observações internas', field: 'privateNotes', value: (c) => c.private_notes },
  {
    header: 'Limite de crédito',
    field: 'creditLimitCents',
    value: (c) => (c.credit_limit_cents === null ? null : { cents: c.credit_limit_cents }),
  },
  { header: 'Situação', field: 'active', value: (c) => (c.active ? 'Ativo' : 'Inativo') },
  { header: 'Cliente desde', field: 'joinedAt', value: (c) => ({ date: c.joined_at }) },
];

/** The customers list as filtered on screen, every row, in code order, streamed in chunks. */
export function exportCustomers(ctx: ProcCtx, input: ParsedInputOf<'customers.exportCsv'>, format: Format): FileBody {
  const columns = visibleColumns(Customer, COLUMNS, grantsOf(ctx.user?.role ?? null));
  const rows = chunks<CustomerRow>((after, limit) => {
    const { q } = filterCustomers(ctx, input);
    return q
      .selectAll()
      .$if(after !== null, (b) => b.where('id', '>', after?.id ?? 0))
      .orderBy('id')
      .limit(limit)
      .execute();
  });
  return exportFile({ format, name: 'clientes', columns, rows });
}

// ---------- Import ----------

type CreateInput = ParsedInputOf<'customers.create'>;

/**
 * Columns by header: Balcão's own export, Bling ("Nome;Fantasia;Endereço;Número;Complemento;
 * Bairro;CEP;Cidade;UF;Fone;Celular;E-mail;CNPJ / CPF;IE / RG;…;Tipo pessoa;Data nascimento"),
 * Tiny/Olist ("Nome;Fantasia;Tipo de pessoa;CPF/CNPJ;…;Endereço;Número;Bairro;CEP;Cidade;Estado;
 * Fone;Celular;E-mail;Observações") and common spellings. Compared without accents, case or punctuation.
 */
export const CUSTOMER_FIELDS: readonly FieldDef[] = [
  {
    key: 'name',
    label: 'Nome',
    required: true,
    aliases: [
      'nome',
      'nome completo',
      'razão social',
      'nome/razão social',
      'nome ou razão social',
      'cliente',
      'contato',
    ],
  },
  { key: 'kind', label: 'Tipo', aliases: ['tipo pessoa', 'tipo de pessoa', 'pessoa', 'tipo do contato'] },
  {
    key: 'document',
    label: 'CPF/CNPJ',
    aliases: ['cnpj / cpf', 'cnpj/cpf', 'cpf/cnpj', 'cpf ou cnpj', 'cpf', 'cnpj', 'documento', 'cpf_cnpj'],
  },
  { key: 'phone', label: 'Telefone', aliases: ['fone', 'telefone', 'tel', 'telefone fixo', 'fone fixo', 'telefone 1'] },
  { key: 'whatsapp', label: 'WhatsApp', aliases: ['celular', 'whatsapp', 'fone celular', 'telefone celular', 'móvel'] },
  { key: 'email', label: 'E-mail', aliases: ['e-mail', 'email', 'e-mail principal'] },
  {
    key: 'birthDate',
    label: 'Nascimento',
    aliases: ['data nascimento', 'data de nascimento', 'nascimento', 'aniversário', 'dt nascimento'],
  },
  { key: 'cep', label: 'CEP', aliases: ['cep'] },
  { key: 'street', label: 'Endereço', aliases: ['endereço', 'logradouro', 'rua', 'endereco'] },
  { key: 'number', label: 'Número', aliases: ['número', 'numero', 'nº', 'no', 'num'] },
  { key: 'complement', label: 'Complemento', aliases: ['complemento'] },
  { key: 'district', label: 'Bairro', aliases: ['bairro'] },
  { key: 'city', label: 'Cidade', aliases: ['cidade', 'município', 'municipio'] },
  { key: 'state', label: 'UF', aliases: ['uf', 'estado', 'sigla uf'] },
  { key: 'preferences', label: 'Preferências', aliases: ['observações', 'observacoes', 'obs', 'preferências'] },
  { key: 'tags', label: 'Etiquetas', aliases: ['etiquetas', 'tags', 'marcadores', 'grupo'] },
  {
    key: 'joinedAt',
    label: 'Cliente desde',
    aliases: ['data cadastro', 'data de cadastro', 'data de inclusão', 'data inclusão', 'cadastrado em'],
  },
];

const LABELS: Record<string, string> = {
  ...Object.fromEntries(CUSTOMER_FIELDS.map((f) => [f.key, f.label])),
  address: 'Endereço',
};

/** State names some systems write instead of the UF. */
const STATE_NAMES: Record<string, string> = {
  acre: 'AC',
  alagoas: 'AL',
  amapa: 'AP',
  amazonas: 'AM',
  bahia: 'BA',
  ceara: 'CE',
  'distrito federal': 'DF',
  'espirito santo': 'ES',
  goias: 'GO',
  maranhao: 'MA',
  'mato grosso': 'MT',
  'mato grosso do sul': 'MS',
  'minas gerais': 'MG',
  para: 'PA',
  paraiba: 'PB',
  parana: 'PR',
  pernambuco: 'PE',
  piaui: 'PI',
  'rio de janeiro': 'RJ',
  'rio grande do norte': 'RN',
  'rio grande do sul': 'RS',
  rondonia: 'RO',
  roraima: 'RR',
  'santa catarina': 'SC',
  'sao paulo': 'SP',
  sergipe: 'SE',
  tocantins: 'TO',
};

const fold = (v: string) =>
  v
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/** Phones as other systems write them: "+55 (11) 98765-4321", "55 11 3333-4444" → DDD + number. */
function phoneOf(value: string): string {
  const d = onlyDigits(value);
  return (d.length === 12 || d.length === 13) && d.startsWith('55') ? d.slice(2) : d;
}

function kindOf(value: string, document: string): 'PF' | 'PJ' {
  const v = fold(value);
  if (/^(j|pj|juridica|pessoa juridica)$/.test(v)) return 'PJ';
  if (/^(f|pf|fisica|pessoa fisica)$/.test(v)) return 'PF';
  return onlyDigits(document).length === 14 ? 'PJ' : 'PF';
}

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/** A file row as `customers.create` input (before the contract's checks). */
function rawInput(v: Record<string, string>): Record<string, unknown> {
  const document = blank(v.document);
  const state = blank(v.state);
  const address = {
    cep: blank(v.cep) && onlyDigits(v.cep as string),
    street: blank(v.street),
    number: blank(v.number),
    complement: blank(v.complement),
    district: blank(v.district),
    city: blank(v.city),
    state: state && state.length > 2 ? (STATE_NAMES[fold(state)] ?? state) : state,
  };
  const date = (value: string | undefined) => {
    const b = blank(value);
    return b === undefined ? undefined : (parseDateLoose(b) ?? b);
  };
  return {
    name: v.name ?? '',
    kind: kindOf(v.kind ?? '', document ?? ''),
    document,
    phone: blank(v.phone) && phoneOf(v.phone as string),
    whatsapp: blank(v.whatsapp) && phoneOf(v.whatsapp as string),
    email: blank(v.email)?.toLowerCase(),
    birthDate: date(v.birthDate),
    ...(Object.values(address).some((x) => x !== undefined) && { address }),
    preferences: blank(v.preferences),
    tags: blank(v.tags)
      ?.split(/[,;|]/)
      .map((t) => t.trim())
      .filter(Boolean),
    joinedAt: date(v.joinedAt),
  };
}

async function planCustomers(
  ctx: ProcCtx,
  rows: Array<{ line: number; values: Record<string, string> }>,
): Promise<Array<PlannedRow<CreateInput>>> {
  const checked = rows.map((r) => ({
    ...r,
    ...checkWith(CustomerCreateInput, rawInput(r.values), LABELS, ctx.locale),
  }));
  // Who is already registered: by document, then by phone (phone or WhatsApp, either way).
  const docs = [...new Set(checked.flatMap((r) => (r.data?.document ? [r.data.document] : [])))];
  const phones = [
    ...new Set(checked.flatMap((r) => [r.data?.phone, r.data?.whatsapp].filter((p): p is string => !!p))),
  ];
  const knownDocs = new Set<string>();
  const knownPhones = new Set<string>();
  for (let i = 0; i < docs.length; i += 500) {
    const part = docs.slice(i, i + 500);
    for (const c of await ctx.db.selectFrom('customers').select('document').where('document', 'in', part).execute())
      if (c.document) knownDocs.add(c.document);
  }
  for (let i = 0; i < phones.length; i += 500) {
    const part = phones.slice(i, i + 500);
    const found = await sql<{ p: string }>`select phone as p from customers where phone in (${sql.join(part)})
      union select whatsapp from customers where whatsapp in (${sql.join(part)})`.execute(ctx.db);
    for (const r of found.rows) knownPhones.add(r.p);
  }
  const seenDocs = new Map<string, number>();
  const seenPhones = new Set<string>();
  return checked.map((r) => {
    const row: PlannedRow<CreateInput> = { line: r.line, values: r.values, problems: [...r.problems] };
    const data = r.data;
    if (!data) return row;
    const doc = data.document ?? null;
    const rowPhones = [data.phone, data.whatsapp].filter((p): p is string => !!p);
    if (doc && seenDocs.has(doc)) {
      row.problems.push(msg('import.duplicateInFile', { line: seenDocs.get(doc) as number }));
      return row;
    }
    if (doc) seenDocs.set(doc, r.line);
    if (doc ? knownDocs.has(doc) : rowPhones.some((p) => knownPhones.has(p) || seenPhones.has(p))) {
      row.existing = true;
      return row;
    }
    for (const p of rowPhones) seenPhones.add(p);
    row.data = data;
    return row;
  });
}

export const customerImport: ImportKind<CreateInput> = {
  entity: 'customer',
  fields: CUSTOMER_FIELDS,
  format: (keys) =>
    keys.has('cnpjcpf') && keys.has('tipopessoa')
      ? 'bling'
      : keys.has('cpfcnpj') && (keys.has('tipodepessoa') || keys.has('estado'))
        ? 'tiny'
        : keys.has('clientedesde') && keys.has('codigo')
          ? 'balcao'
          : 'generic',
  plan: planCustomers,
  write: async (ctx, rows) => {
    for (const data of rows) await createCustomer(ctx, data);
  },
  done: (ctx) => ctx.emit({ type: 'customer.created', id: 0, version: null, by: ctx.user?.id ?? null }),
};
