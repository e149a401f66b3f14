import { z } from 'zod';
import { UFS } from '../domain/documents';
import {
  BusinessDate,
  Cents,
  CepInput,
  Clearable,
  CursorInput,
  CursorListOf,
  DocumentInput,
  Email,
  Id,
  Instant,
  InstantInput,
  Line,
  ListOf,
  Note,
  PageInput,
  PhoneInput,
  QueryBool,
  say,
  Text,
  Uf,
  Version,
} from './common';
import { fileOutput, procedure } from './procedure';
import { EXPORT_MIMES, IMPORT_LIMITS, ImportInput, ImportPreview, ImportResult } from './transfer';
import { restricted, restrictedInput } from './visibility';

export const CustomerKind = z.enum(['PF', 'PJ']);
export const INTERACTION_KINDS = ['ligacao', 'whatsapp', 'visita', 'email', 'nota'] as const;
export const InteractionKind = z.enum(INTERACTION_KINDS);

export const Address = z.object({
  cep: z.string().nullable(),
  street: z.string().nullable(),
  number: z.string().nullable(),
  complement: z.string().nullable(),
  district: z.string().nullable(),
  city: z.string().nullable(),
  state: z.enum(UFS).nullable(),
});

export const Customer = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: CustomerKind,
  /** CPF/CNPJ, birth date and address: absent for roles without `customers.documents` (production). */
  document: restricted(z.string().nullable(), 'customers.documents'),
  phone: z.string().nullable(),
  whatsapp: z.string().nullable(),
  email: z.string().nullable(),
  birthDate: restricted(z.string().nullable(), 'customers.documents'),
  address: restricted(Address, 'customers.documents'),
  preferences: z.string().nullable(),
  /** Present only for roles allowed to see private notes. */
  privateNotes: restricted(z.string().nullable(), 'customers.privateNotes'),
  tags: z.array(z.string()),
  creditLimitCents: restricted(z.number().int().nullable(), 'money.read'),
  /** PJ: razão social, nome fantasia, inscrição estadual (a document) and the person to talk to. */
  legalName: z.string().nullable(),
  tradeName: z.string().nullable(),
  stateRegistration: restricted(z.string().nullable(), 'customers.documents'),
  contactName: z.string().nullable(),
  active: z.boolean(),
  joinedAt: z.string(),
  /** Set when this customer was merged into another (`customers.merge`): the one kept. */
  mergedIntoId: z.number().int().nullable().optional(),
  /** LGPD consent (automations): transactional messages and marketing, per channel; and the preferred channel. */
  consent: z
    .object({
      transactionalEmail: z.boolean(),
      transactionalWhatsapp: z.boolean(),
      marketingEmail: z.boolean(),
      marketingWhatsapp: z.boolean(),
    })
    .optional(),
  preferredChannel: z.enum(['whatsapp', 'email']).nullable().optional(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
});

export const AddressInput = z.strictObject({
  cep: Clearable(CepInput),
  street: Clearable(Text(160)),
  number: Clearable(Text(20)),
  complement: Clearable(Text(80)),
  district: Clearable(Text(80)),
  city: Clearable(Text(80)),
  state: Clearable(Uf),
});

const Tag = Line(40, 1);

/** Inscrição estadual: digits (each state has its own length and check) or "ISENTO". */
const StateRegistration = Text(20).refine((v) => /^(isento|[\d./-]{2,20})$/i.test(v), say('field.stateRegistration'));

const customerFields = {
  name: Text(160, 2),
  kind: CustomerKind,
  document: restrictedInput(Clearable(DocumentInput), 'customers.documents', 'CPF/CNPJ'),
  phone: Clearable(PhoneInput),
  whatsapp: Clearable(PhoneInput),
  email: Clearable(Email),
  birthDate: restrictedInput(Clearable(BusinessDate), 'customers.documents', 'data de nascimento'),
  address: restrictedInput(AddressInput.optional(), 'customers.documents', 'endereço'),
  preferences: Clearable(Note(2000)),
  privateNotes: restrictedInput(Clearable(Note(4000)), 'customers.privateNotes', 'observações internas'),
  tags: z
    .array(Tag)
    .max(20)
    .transform((tags) => [...new Set(tags)])
    .optional(),
  joinedAt: BusinessDate.optional(),
  /** Crediário limit; null means no limit. */
  creditLimitCents: restrictedInput(Cents.nullable().optional(), 'credit.manage', 'limite de crédito'),
  legalName: Clearable(Text(160)),
  tradeName: Clearable(Text(160)),
  stateRegistration: restrictedInput(Clearable(StateRegistration), 'customers.documents', 'inscrição estadual'),
  contactName: Clearable(Text(120)),
  consent: z
    .strictObject({
      transactionalEmail: z.boolean().optional(),
      transactionalWhatsapp: z.boolean().optional(),
      marketingEmail: z.boolean().optional(),
      marketingWhatsapp: z.boolean().optional(),
    })
    .optional(),
  preferredChannel: Clearable(z.enum(['whatsapp', 'email'])),
};

export const CustomerCreateInput = z.strictObject({ ...customerFields, kind: CustomerKind.default('PF') });
export const CustomerUpdateInput = z.strictObject({
  id: Id,
  version: Version,
  ...customerFields,
  name: customerFields.name.optional(),
  kind: CustomerKind.optional(),
});

export const CUSTOMER_SORTS = [
  'name',
  '-name',
  'joinedAt',
  '-joinedAt',
  'createdAt',
  '-createdAt',
  '-updatedAt',
] as const;

export const CustomerListInput = z.strictObject({
  ...PageInput,
  search: Line(100).optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
  state: Uf.optional(),
  city: Line(80).optional(),
  tag: Tag.optional(),
  joinedFrom: BusinessDate.optional(),
  joinedTo: BusinessDate.optional(),
  sort: z.enum(CUSTOMER_SORTS).default('name'),
  /** The previous page's `nextCursor`: the page after it (then `page` is only echoed back). */
  cursor: CursorInput,
});

/** The list's filters, for exports: the same input without paging. */
export const CustomerExportInput = CustomerListInput.omit({ page: true, perPage: true, cursor: true });

export const DUPLICATE_REASONS = ['document', 'phone', 'email', 'name'] as const;

/** One customer of a group of probable duplicates. */
export const DuplicateCustomer = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: CustomerKind,
  document: z.string().nullable(),
  phone: z.string().nullable(),
  whatsapp: z.string().nullable(),
  email: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  ordersCount: z.number().int(),
  createdAt: Instant,
  version: z.number().int(),
});

export const MergeResult = z.object({
  id: z.number().int(),
  version: z.number().int(),
  mergedId: z.number().int(),
  moved: z.object({
    orders: z.number().int(),
    payments: z.number().int(),
    plans: z.number().int(),
    installments: z.number().int(),
    interactions: z.number().int(),
    tags: z.number().int(),
  }),
});

export const Interaction = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  kind: InteractionKind,
  notes: z.string(),
  at: Instant,
  byUserId: z.number().int().nullable(),
  byName: z.string().nullable(),
  createdAt: Instant,
});

export const customers = {
  'customers.list': procedure({
    http: 'GET /api/customers',
    permission: 'customers.read',
    summary:
      'Lista clientes com busca sem acentos (nome, razão social, nome fantasia, CPF/CNPJ, telefone — também pelos últimos dígitos —, e-mail, cidade), filtros e paginação ' +
      '(`nextCursor` → `cursor` para a página seguinte; `total` conta até 10.000, `totalCapped` diz se há mais).',
    input: CustomerListInput,
    output: CursorListOf(Customer),
  }),
  'customers.get': procedure({
    http: 'GET /api/customers/:id',
    permission: 'customers.read',
    summary: 'Um cliente.',
    input: z.strictObject({ id: Id }),
    output: Customer,
  }),
  'customers.create': procedure({
    http: 'POST /api/customers',
    permission: 'customers.write',
    summary: 'Cadastra um cliente.',
    status: 201,
    emits: 'customer.created',
    input: CustomerCreateInput,
    output: Customer,
  }),
  'customers.update': procedure({
    http: 'PATCH /api/customers/:id',
    permission: 'customers.write',
    summary: 'Altera um cliente; exige a versão lida (409 se outra pessoa alterou antes).',
    emits: 'customer.updated',
    input: CustomerUpdateInput,
    output: Customer,
  }),
  'customers.delete': procedure({
    http: 'DELETE /api/customers/:id',
    permission: 'customers.write',
    summary: 'Desativa um cliente; com hard=true (somente administrador) exclui de vez.',
    emits: 'customer.deleted',
    input: z.strictObject({ id: Id, hard: QueryBool.default(false) }),
    output: z.object({ id: z.number().int(), version: z.number().int().nullable(), deleted: z.boolean() }),
  }),
  'customers.reactivate': procedure({
    http: 'POST /api/customers/:id/reactivate',
    permission: 'customers.write',
    summary: 'Reativa um cliente desativado.',
    emits: 'customer.updated',
    input: z.strictObject({ id: Id }),
    output: Customer,
  }),
  'customers.tags': procedure({
    http: 'GET /api/customer-tags',
    permission: 'customers.read',
    summary: 'Etiquetas em uso nos clientes, com a quantidade de cada uma.',
    input: z.strictObject({}),
    output: z.object({ items: z.array(z.object({ tag: z.string(), count: z.number().int() })) }),
  }),
  'customers.interactions.list': procedure({
    http: 'GET /api/customers/:id/interactions',
    permission: 'customers.read',
    summary: 'Interações com o cliente (ligações, WhatsApp, visitas, e-mails, notas), mais recentes primeiro.',
    input: z.strictObject({ id: Id, ...PageInput }),
    output: ListOf(Interaction),
  }),
  'customers.interactions.create': procedure({
    http: 'POST /api/customers/:id/interactions',
    permission: 'customers.interact',
    summary: 'Registra uma interação com o cliente.',
    status: 201,
    emits: 'customer.interaction.created',
    emitId: (out) => out.customerId,
    input: z.strictObject({
      id: Id,
      kind: InteractionKind,
      notes: Note(4000),
      at: InstantInput.optional(),
    }),
    output: Interaction,
  }),
  'customers.duplicates': procedure({
    http: 'GET /api/customers/duplicates',
    permission: 'customers.merge',
    summary:
      'Possíveis clientes duplicados (mesmo CPF/CNPJ, telefone ou e-mail, ou mesmo nome sem acentos e espaços na mesma cidade), ' +
      'em grupos com o motivo. Só lista; nada é alterado.',
    input: z.strictObject({
      reason: z.enum(DUPLICATE_REASONS).optional(),
      limit: z
        .preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number().int().min(1).max(1000))
        .default(200),
    }),
    output: z.object({
      groups: z.array(
        z.object({ reason: z.enum(DUPLICATE_REASONS), key: z.string(), customers: z.array(DuplicateCustomer) }),
      ),
      /** More groups exist than `limit`. */
      truncated: z.boolean(),
    }),
  }),
  'customers.merge': procedure({
    http: 'POST /api/customers/:id/merge',
    permission: 'customers.merge',
    summary:
      'Une dois clientes: pedidos, pagamentos, crediários, parcelas, interações e etiquetas do outro (`otherId`) passam a este (`id`), ' +
      'que também recebe os dados que lhe faltam; o outro fica desativado apontando para este. Tudo numa transação, na auditoria e na linha do tempo dos dois.',
    emits: 'customer.updated',
    input: z.strictObject({ id: Id, otherId: Id, version: Version, otherVersion: Version }),
    output: MergeResult,
  }),
  'customers.exportCsv': procedure({
    http: 'GET /api/customers/export.csv',
    permission: 'customers.read',
    summary:
      'Clientes em CSV para o Excel (`;`, UTF-8 com BOM, datas dd/mm/aaaa), com os filtros da lista; enviado aos poucos.',
    input: CustomerExportInput,
    output: fileOutput(EXPORT_MIMES.csv),
  }),
  'customers.exportXlsx': procedure({
    http: 'GET /api/customers/export.xlsx',
    permission: 'customers.read',
    summary: 'Clientes em planilha XLSX, com os filtros da lista; escrita aos poucos.',
    input: CustomerExportInput,
    output: fileOutput(EXPORT_MIMES.xlsx),
  }),
  'customers.importPreview': procedure({
    http: 'POST /api/customers/import/preview',
    permission: 'data.import',
    summary:
      'Lê um CSV de clientes (do Balcão, do Bling, do Tiny/Olist ou outro, colunas pelo cabeçalho; UTF-8 ou Windows-1252; `;` ou `,`) ' +
      'e mostra o que seria feito e os problemas de cada linha. Não grava nada.',
    write: false,
    ...IMPORT_LIMITS,
    input: ImportInput,
    output: ImportPreview,
  }),
  'customers.import': procedure({
    http: 'POST /api/customers/import',
    permission: 'data.import',
    summary:
      'Importa um CSV de clientes: tudo ou nada (`mode=all`) ou pulando as linhas com problema (`mode=skip`). ' +
      'Quem já está cadastrado (mesmo CPF/CNPJ, senão mesmo telefone) não é duplicado.',
    ...IMPORT_LIMITS,
    input: ImportInput,
    output: ImportResult,
  }),
};
