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
import { procedure } from './procedure';
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
};
