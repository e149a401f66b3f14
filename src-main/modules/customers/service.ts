import { type Selectable, sql } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../src-shared/contract';
import type { UFS } from '../../../src-shared/domain/documents';
import { foldText } from '../../../src-shared/domain/text';
import { AppError } from '../../../src-shared/errors';
import { type Msg, msg } from '../../../src-shared/i18n';
import { can } from '../../../src-shared/permissions';
import type { Db } from '../../db/connection';
import type { CustomerRow, InteractionsTable } from '../../db/schema';
import { type ProcCtx, requireUser } from '../../rpc/context';
import { ftsQuery, phoneTerms, withoutDocuments } from './search';

export type CustomerOut = OutputOf<'customers.get'>;
type CreateInput = ParsedInputOf<'customers.create'>;
type UpdateInput = ParsedInputOf<'customers.update'>;
type ListInput = ParsedInputOf<'customers.list'>;
type Uf = (typeof UFS)[number];

export const NOT_FOUND = () => new AppError('NOT_FOUND', msg('customers.notFound'));

/** The customer as the contract describes it; the dispatcher leaves out what the user may not see. */
export function toCustomer(row: CustomerRow): CustomerOut {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as 'PF' | 'PJ',
    document: row.document,
    phone: row.phone,
    whatsapp: row.whatsapp,
    email: row.email,
    birthDate: row.birth_date,
    address: {
      cep: row.cep,
      street: row.street,
      number: row.number,
      complement: row.complement,
      district: row.district,
      city: row.city,
      state: row.state as Uf | null,
    },
    preferences: row.preferences,
    privateNotes: row.private_notes,
    tags: JSON.parse(row.tags) as string[],
    creditLimitCents: row.credit_limit_cents,
    legalName: row.legal_name,
    tradeName: row.trade_name,
    stateRegistration: row.state_registration,
    contactName: row.contact_name,
    active: row.active === 1,
    joinedAt: row.joined_at,
    mergedIntoId: row.merged_into_id,
    consent: {
      transactionalEmail: row.consent_tx_email === 1,
      transactionalWhatsapp: row.consent_tx_whatsapp === 1,
      marketingEmail: row.consent_mkt_email === 1,
      marketingWhatsapp: row.consent_mkt_whatsapp === 1,
    },
    preferredChannel:
      row.preferred_channel === 'email' || row.preferred_channel === 'whatsapp' ? row.preferred_channel : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function getCustomerRow(db: Db, id: number): Promise<CustomerRow> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw NOT_FOUND();
  return row;
}

const bit = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);

/** The consent flags given (automations, 0023); the others are kept. */
function consentColumns(consent: CreateInput['consent']) {
  return {
    consent_tx_email: bit(consent?.transactionalEmail),
    consent_tx_whatsapp: bit(consent?.transactionalWhatsapp),
    consent_mkt_email: bit(consent?.marketingEmail),
    consent_mkt_whatsapp: bit(consent?.marketingWhatsapp),
  };
}

/** Column values from input fields; `undefined` means "not given" (kept on update). */
function columnsFrom(input: Partial<CreateInput>) {
  const a = input.address;
  const cols = {
    name: input.name,
    kind: input.kind,
    document: input.document,
    phone: input.phone,
    whatsapp: input.whatsapp,
    email: input.email,
    birth_date: input.birthDate,
    preferences: input.preferences,
    private_notes: input.privateNotes,
    joined_at: input.joinedAt,
    credit_limit_cents: input.creditLimitCents,
    legal_name: input.legalName,
    trade_name: input.tradeName,
    state_registration: input.stateRegistration,
    contact_name: input.contactName,
    preferred_channel: input.preferredChannel,
    ...consentColumns(input.consent),
    tags: input.tags ? JSON.stringify(input.tags) : undefined,
    sort_name: input.name !== undefined ? foldText(input.name) : undefined,
    ...(a && {
      cep: a.cep,
      street: a.street,
      number: a.number,
      complement: a.complement,
      district: a.district,
      city: a.city,
      state: a.state,
    }),
  };
  return Object.fromEntries(Object.entries(cols).filter(([, v]) => v !== undefined));
}

function checkRules(row: { kind: string; document: string | null; birth_date: string | null }, today: string) {
  const fields: Record<string, Msg> = {};
  if (row.document && row.kind === 'PF' && row.document.length !== 11) fields.document = msg('field.documentKindPF');
  if (row.document && row.kind === 'PJ' && row.document.length !== 14) fields.document = msg('field.documentKindPJ');
  if (row.birth_date && row.birth_date > today) fields.birthDate = msg('customers.birthDateFuture');
  if (Object.keys(fields).length) throw new AppError('VALIDATION', msg('error.VALIDATION'), { fields });
}

async function checkDocumentFree(db: Db, document: string | null | undefined, exceptId: number | null) {
  if (!document) return;
  let q = db.selectFrom('customers').select(['id', 'name']).where('document', '=', document);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  const other = await q.executeTakeFirst();
  if (other) {
    const label = document.length === 11 ? 'CPF' : 'CNPJ';
    throw new AppError(
      'CONFLICT',
      msg('customers.documentTaken', { document: label, name: other.name, id: other.id }),
      {
        fields: { document: msg('customers.documentTakenField', { document: label, name: other.name }) },
      },
    );
  }
}

export async function writeIndex(db: Db, row: CustomerRow, tagsChanged: boolean): Promise<void> {
  await db.deleteFrom('customers_fts').where('rowid', '=', row.id).execute();
  await db
    .insertInto('customers_fts')
    .values({
      rowid: row.id,
      // The company names are searched like the name (nome fantasia is what people say).
      name: [row.name, row.trade_name, row.legal_name].filter(Boolean).join(' '),
      document: row.document ?? '',
      phone: phoneTerms(row.phone, row.whatsapp),
      email: row.email ?? '',
      city: row.city ?? '',
    })
    .execute();
  if (tagsChanged) {
    await db.deleteFrom('customer_tags').where('customer_id', '=', row.id).execute();
    const tags = JSON.parse(row.tags) as string[];
    if (tags.length) {
      await db
        .insertInto('customer_tags')
        .values(tags.map((tag) => ({ customer_id: row.id, tag })))
        .execute();
    }
  }
}

/** For audit rows: the customer as stored. */
const snapshot = (row: CustomerRow) => ({ ...row, tags: JSON.parse(row.tags) as string[] });

export async function createCustomer(ctx: ProcCtx, input: CreateInput): Promise<CustomerOut> {
  const now = ctx.clock.nowIso();
  const cols = columnsFrom(input);
  const values = {
    name: input.name,
    kind: input.kind,
    sort_name: foldText(input.name),
    joined_at: input.joinedAt ?? ctx.clock.today(),
    tags: JSON.stringify(input.tags ?? []),
    ...cols,
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  checkRules(
    { kind: values.kind, document: input.document ?? null, birth_date: input.birthDate ?? null },
    ctx.clock.today(),
  );
  await checkDocumentFree(ctx.db, input.document, null);
  const row = await ctx.db.insertInto('customers').values(values).returningAll().executeTakeFirstOrThrow();
  await writeIndex(ctx.db, row, true);
  await ctx.audit({ action: 'create', entity: 'customer', entityId: row.id, after: snapshot(row) });
  return toCustomer(row);
}

export async function updateCustomer(ctx: ProcCtx, input: UpdateInput): Promise<CustomerOut> {
  const before = await getCustomerRow(ctx.db, input.id);
  if (before.version !== input.version) {
    throw new AppError('STALE_VERSION', msg('customers.stale', { version: before.version, yours: input.version }));
  }
  const { id: _id, version: _v, ...fields } = input;
  const cols = columnsFrom(fields);
  const merged = { ...before, ...cols } as CustomerRow;
  checkRules(merged, ctx.clock.today());
  if (cols.document !== undefined) await checkDocumentFree(ctx.db, merged.document, before.id);
  const row = await ctx.db
    .updateTable('customers')
    .set({ ...cols, updated_at: ctx.clock.nowIso(), version: before.version + 1 })
    .where('id', '=', before.id)
    .where('version', '=', input.version)
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeIndex(ctx.db, row, fields.tags !== undefined);
  await ctx.audit({
    action: 'update',
    entity: 'customer',
    entityId: row.id,
    before: snapshot(before),
    after: snapshot(row),
  });
  return toCustomer(row);
}

export async function setCustomerActive(ctx: ProcCtx, id: number, active: boolean): Promise<CustomerRow> {
  const before = await getCustomerRow(ctx.db, id);
  if ((before.active === 1) === active) return before;
  const row = await ctx.db
    .updateTable('customers')
    .set({ active: active ? 1 : 0, updated_at: ctx.clock.nowIso(), version: before.version + 1 })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.audit({
    action: active ? 'reactivate' : 'deactivate',
    entity: 'customer',
    entityId: id,
    before: { active: before.active === 1, version: before.version },
    after: { active, version: row.version },
  });
  return row;
}

/** A customer with orders (quotes included), crediário or payments cannot be deleted for good: says what it has (409). */
async function assertNothingReferences(db: Db, id: number): Promise<void> {
  const count = async (table: 'orders' | 'installment_plans' | 'payments') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('customer_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const orders = await count('orders');
  const plans = await count('installment_plans');
  const payments = await count('payments');
  const parts: Msg[] = [];
  if (orders) parts.push(msg('customers.countOrders', { count: orders }));
  if (plans) parts.push(msg('customers.countPlans', { count: plans }));
  if (payments) parts.push(msg('customers.countPayments', { count: payments }));
  if (parts.length) {
    throw new AppError('CONFLICT', msg('customers.cannotDelete', { what: parts }));
  }
}

export async function hardDeleteCustomer(ctx: ProcCtx, id: number): Promise<void> {
  if (!ctx.user || !can(ctx.user.role, 'customers.hardDelete')) {
    throw new AppError('FORBIDDEN', msg('customers.hardDeleteAdminOnly'));
  }
  const before = await getCustomerRow(ctx.db, id);
  await assertNothingReferences(ctx.db, id);
  await ctx.db.deleteFrom('customers_fts').where('rowid', '=', id).execute();
  await ctx.db.deleteFrom('customer_tags').where('customer_id', '=', id).execute();
  await ctx.db.deleteFrom('interactions').where('customer_id', '=', id).execute();
  await ctx.db.deleteFrom('customers').where('id', '=', id).execute();
  await ctx.audit({ action: 'delete', entity: 'customer', entityId: id, before: snapshot(before) });
}

const SORTS = {
  name: ['sort_name', 'asc'],
  '-name': ['sort_name', 'desc'],
  joinedAt: ['joined_at', 'asc'],
  '-joinedAt': ['joined_at', 'desc'],
  createdAt: ['id', 'asc'],
  '-createdAt': ['id', 'desc'],
  '-updatedAt': ['updated_at', 'desc'],
} as const;

/** The list counts at most this many matches (`totalCapped` says there are more): the count stays cheap at 100k. */
export const CUSTOMER_COUNT_CAP = 10_000;

type SortKey = string | number;

/** A cursor: the sort it belongs to and the last row's sort key and id, as base64url JSON. */
export function encodeCursor(sort: string, key: SortKey, id: number): string {
  return Buffer.from(JSON.stringify([sort, key, id])).toString('base64url');
}

const badCursor = () =>
  new AppError('VALIDATION', msg('error.VALIDATION'), {
    fields: { cursor: msg('field.cursorSort') },
  });

export function decodeCursor(cursor: string, sort: string): { key: SortKey; id: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw badCursor();
  const [s, key, id] = parsed as unknown[];
  if (s !== sort || !Number.isSafeInteger(id) || (typeof key !== 'string' && !Number.isSafeInteger(key)))
    throw badCursor();
  return { key: key as SortKey, id: id as number };
}

/** The list's filters (search, active, state, city, tag, joined dates), shared with the export. */
export function filterCustomers(ctx: ProcCtx, input: Omit<ListInput, 'page' | 'perPage' | 'cursor' | 'sort'>) {
  let q = ctx.db.selectFrom('customers');
  const terms = input.search ? ftsQuery(input.search, { phoneColumn: 'phone' }) : null;
  const match = terms && ctx.user && !can(ctx.user.role, 'customers.documents') ? withoutDocuments(terms) : terms;
  if (match)
    q = q.where(sql<boolean>`customers.id in (select rowid from customers_fts where customers_fts match ${match})`);
  if (input.active !== 'all') q = q.where('active', '=', input.active === 'true' ? 1 : 0);
  if (input.state) q = q.where('state', '=', input.state);
  if (input.city) q = q.where(sql<boolean>`lower(city) = lower(${input.city})`);
  if (input.tag) {
    const tag = input.tag;
    q = q.where('id', 'in', (eb) => eb.selectFrom('customer_tags').select('customer_id').where('tag', '=', tag));
  }
  if (input.joinedFrom) q = q.where('joined_at', '>=', input.joinedFrom);
  if (input.joinedTo) q = q.where('joined_at', '<=', input.joinedTo);
  return { q, match };
}

export async function listCustomers(ctx: ProcCtx, input: ListInput): Promise<OutputOf<'customers.list'>> {
  const { q, match } = filterCustomers(ctx, input);
  const [column, direction] = SORTS[input.sort];
  // Counted up to the cap only: a full count of 100k rows would cost more than the page itself.
  const countHits = async () => {
    const hits = q.select(sql<number>`1`.as('one')).limit(CUSTOMER_COUNT_CAP + 1);
    return (await sql<{ n: number }>`select count(*) as n from (${hits}) as hits`.execute(ctx.db)).rows[0]?.n ?? 0;
  };

  // Keyset: after the cursor's row by (sort key, id) — the range starts in the sort's index, ties go by id.
  let page = q;
  if (input.cursor) {
    const after = decodeCursor(input.cursor, input.sort);
    const past = direction === 'asc' ? '>' : '<';
    page =
      column === 'id'
        ? page.where('id', past, after.id)
        : page
            .where(column, direction === 'asc' ? '>=' : '<=', after.key as string)
            .where((eb) => eb.or([eb(column, past, after.key as string), eb('id', past, after.id)]));
  }
  // Page ids first (from covering indexes), then only those rows in full; one more id tells whether a next page exists.
  // A search's matches are few (the index found them): the page query counts them as it sorts, in one pass.
  const found = await page
    .select(['id', `${column} as key`])
    .$if(!!match && !input.cursor, (b) => b.select(sql<number>`count(*) over ()`.as('n')))
    .orderBy(column, direction)
    .orderBy('id', direction)
    .limit(input.perPage + 1)
    .offset(input.cursor ? 0 : (input.page - 1) * input.perPage)
    .execute();
  const counted = (found[0] as { n?: number } | undefined)?.n ?? (await countHits());
  const ids = found.slice(0, input.perPage);
  const last = ids[ids.length - 1];
  const rows = ids.length
    ? await ctx.db
        .selectFrom('customers')
        .selectAll()
        .where(
          'id',
          'in',
          ids.map((r) => r.id),
        )
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: ids.map((r) => toCustomer(byId.get(r.id) as CustomerRow)),
    total: Math.min(counted, CUSTOMER_COUNT_CAP),
    totalCapped: counted > CUSTOMER_COUNT_CAP,
    page: input.page,
    perPage: input.perPage,
    nextCursor: found.length > input.perPage && last ? encodeCursor(input.sort, last.key, last.id) : null,
  };
}

/** Records a contact with a customer (a call, a visit, a WhatsApp message), by the calling user. */
export async function addInteraction(
  ctx: ProcCtx,
  interaction: { customerId: number; kind: string; notes: string; at?: string | undefined },
): Promise<Selectable<InteractionsTable>> {
  const user = requireUser(ctx);
  const now = ctx.clock.nowIso();
  return ctx.db
    .insertInto('interactions')
    .values({
      customer_id: interaction.customerId,
      kind: interaction.kind,
      notes: interaction.notes,
      at: interaction.at ?? now,
      user_id: user.id,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
