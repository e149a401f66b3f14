import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventIsFor } from '../../src-main/events/bus';
import { addressLines, cityUf, formatCentsOrDash } from '../../src-renderer/lib/format';
import { NO_ADDRESS, orderCharges, orderMoney, visibleSorts } from '../../src-renderer/lib/money-fields';
import { contract, type Procedure } from '../../src-shared/contract';
import { clientEvent, eventPermission, eventScope } from '../../src-shared/contract/events';
import {
  forbiddenInputField,
  hideOutsideScope,
  hideRestricted,
  restricted,
  restrictedInput,
  restrictedPaths,
  restrictedValues,
  scopedRow,
  scopedRowKeys,
} from '../../src-shared/contract/visibility';
import { can, type Permission } from '../../src-shared/permissions';

const grantsOnly =
  (...held: Permission[]) =>
  (p: Permission) =>
    held.includes(p);

describe('restricted output fields', () => {
  const Item = z.object({ name: z.string(), priceCents: restricted(z.number(), 'money.read') });
  const Out = z.object({
    id: z.number(),
    document: restricted(z.string().nullable(), 'customers.documents'),
    items: z.array(Item),
    nested: z.object({ deep: z.object({ totalCents: restricted(z.number(), 'money.read') }) }).nullable(),
    either: z.union([z.object({ kind: z.literal('a'), secret: restricted(z.string(), 'money.read') }), z.string()]),
  });
  const value = () =>
    Out.parse({
      id: 1,
      document: '123',
      items: [
        { name: 'a', priceCents: 1 },
        { name: 'b', priceCents: 2 },
      ],
      nested: { deep: { totalCents: 3 } },
      either: { kind: 'a', secret: 'x' },
    });

  it('drops them recursively (objects, arrays, nested objects, unions) for who lacks the permission', () => {
    expect(hideRestricted(Out, value(), grantsOnly())).toEqual({
      id: 1,
      items: [{ name: 'a' }, { name: 'b' }],
      nested: { deep: {} },
      either: { kind: 'a' },
    });
    expect(hideRestricted(Out, value(), grantsOnly('money.read', 'customers.documents'))).toEqual(value());
    expect(hideRestricted(Out, value(), grantsOnly('customers.documents'))).toMatchObject({ document: '123' });
  });

  it('makes the field optional in the type and leaves shared schemas alone', () => {
    const Shared = z.number();
    const A = z.object({ a: restricted(Shared, 'money.read'), b: Shared });
    expect(restrictedPaths(A, 'output')).toEqual([{ path: ['a'], permissions: ['money.read'] }]);
    expect(A.safeParse({ b: 1 }).success).toBe(true);
  });

  it('lists restricted paths with * for list items', () => {
    expect(restrictedPaths(Out, 'output').map((r) => r.path.join('.'))).toEqual([
      'document',
      'items.*.priceCents',
      'nested.deep.totalCents',
      'either.secret',
    ]);
  });
});

describe('restricted input fields', () => {
  const In = z.strictObject({
    name: z.string(),
    notes: restrictedInput(z.string().nullable().optional(), 'customers.privateNotes', 'observações internas'),
    items: z.array(z.strictObject({ priceCents: restrictedInput(z.number().optional(), 'money.read') })).optional(),
    discountCents: restrictedInput(z.number().default(0), 'money.read'),
  });

  it('finds a set field (null included) the user may not write, with its path and label', () => {
    expect(forbiddenInputField(In, { name: 'x', notes: null }, grantsOnly())).toEqual({
      path: 'notes',
      label: 'observações internas',
      permission: 'customers.privateNotes',
      kind: 'field',
    });
    expect(forbiddenInputField(In, { items: [{}, { priceCents: 1 }] }, grantsOnly())?.path).toBe('items.1.priceCents');
    expect(forbiddenInputField(In, { name: 'x', notes: undefined }, grantsOnly())).toBeNull();
    expect(forbiddenInputField(In, { notes: 'x' }, grantsOnly('customers.privateNotes'))).toBeNull();
  });

  it('a default does not count as set, and garbage input is left to validation', () => {
    expect(In.parse({ name: 'x' }).discountCents).toBe(0);
    expect(forbiddenInputField(In, { name: 'x' }, grantsOnly())).toBeNull();
    for (const raw of [null, 'abc', [1, 2], 42]) expect(forbiddenInputField(In, raw, grantsOnly())).toBeNull();
  });
});

describe('row scopes: money only on the user’s own rows', () => {
  const Item = z.object({ name: z.string(), totalCents: restricted(z.number(), 'money.read') });
  const Row = scopedRow(
    z.object({
      id: z.number(),
      customerId: z.number(),
      name: z.string(),
      totalCents: restricted(z.number(), 'money.read'),
      document: restricted(z.string(), 'customers.documents'),
      items: z.array(Item),
    }),
    'customerFinance',
  );
  const Out = z.object({ items: z.array(Row), alert: z.object({ order: Row }).nullable() });
  const row = (id: number, customerId: number) => ({
    id,
    customerId,
    name: `p${id}`,
    totalCents: 100,
    document: 'x',
    items: [{ name: 'i', totalCents: 100 }],
  });
  const value = () => Out.parse({ items: [row(1, 10), row(2, 20)], alert: { order: row(3, 20) } });
  const seller = grantsOnly('money.read', 'customers.documents');

  it('collects the keys of the rows to ask about, once per scope, and only for who needs asking', () => {
    expect(scopedRowKeys(Out, value(), seller)).toEqual(new Map([['customerFinance', new Set([10, 20])]]));
    // The shop's books: every row whole, nothing to ask. Without money: nothing to hide, nothing to ask.
    expect(scopedRowKeys(Out, value(), grantsOnly('money.read', 'finance.shop')).size).toBe(0);
    expect(scopedRowKeys(Out, value(), grantsOnly()).size).toBe(0);
    // The same schema without the mark: no rows at all.
    expect(scopedRowKeys(z.object({ items: z.array(z.object(Row.shape)) }), value(), seller).size).toBe(0);
  });

  it('rows that are not the user’s lose every money field, nested ones too; the rest stays', () => {
    const out = hideOutsideScope(Out, value(), seller, { customerFinance: new Set([10]) });
    expect(out.items[0]).toEqual(row(1, 10));
    expect(out.items[1]).toEqual({ id: 2, customerId: 20, name: 'p2', document: 'x', items: [{ name: 'i' }] });
    expect(out.alert?.order).not.toHaveProperty('totalCents');
    const shop = hideOutsideScope(Out, value(), grantsOnly('money.read', 'finance.shop', 'customers.documents'), {});
    expect(shop).toEqual(value());
  });

  it('restrictedPaths tells which fields sit in a scoped row', () => {
    const paths = restrictedPaths(Out, 'output').map((r) => `${r.path.join('.')}:${r.scope ?? '-'}`);
    expect(paths).toContain('items.*.totalCents:customerFinance');
    expect(paths).toContain('items.*.items.*.totalCents:customerFinance');
    expect(paths).toContain('alert.order.totalCents:customerFinance');
  });
});

describe('restricted input values', () => {
  const In = z.strictObject({
    sort: restrictedValues(
      z.enum(['name', '-totalCents']),
      ['-totalCents'],
      'money.read',
      'ordenar pelo valor',
    ).default('name'),
  });

  it('only the listed values need the permission; the answer is a value error on the field', () => {
    expect(forbiddenInputField(In, { sort: 'name' }, grantsOnly())).toBeNull();
    expect(forbiddenInputField(In, {}, grantsOnly())).toBeNull();
    expect(forbiddenInputField(In, { sort: '-totalCents' }, grantsOnly('money.read'))).toBeNull();
    expect(forbiddenInputField(In, { sort: '-totalCents' }, grantsOnly())).toEqual({
      path: 'sort',
      label: 'ordenar pelo valor',
      permission: 'money.read',
      kind: 'value',
    });
    expect(restrictedPaths(In, 'input')).toEqual([
      { path: ['sort'], permissions: ['money.read'], values: ['-totalCents'] },
    ]);
  });
});

describe('events: the read permission, derived from the contract', () => {
  it('maps each event to the read permission of what it is about', () => {
    expect(eventPermission('payment.created')).toBe('payments.read');
    expect(eventPermission('payment.reversed')).toBe('payments.read');
    expect(eventPermission('plan.created')).toBe('credit.read');
    expect(eventPermission('order.updated')).toBe('orders.read');
    expect(eventPermission('order.deleted')).toBe('orders.read');
    expect(eventPermission('customer.deleted')).toBe('customers.read');
    expect(eventPermission('customer.interaction.created')).toBe('customers.read');
    expect(eventPermission('user.created')).toBe('users.manage');
    expect(eventPermission('notification.created')).toBe('authenticated');
    expect(eventPermission('algo.desconhecido')).toBeNull();
  });

  it('every event the contract emits has a permission', () => {
    for (const [name, proc] of Object.entries(contract) as Array<[string, Procedure]>)
      if (proc.emits) expect(eventPermission(proc.emits), name).not.toBeNull();
  });

  it('eventIsFor: role and, for notifications, the user', () => {
    const payment = { type: 'payment.created', id: 1, version: null, by: 1 };
    expect(eventIsFor(payment, { id: 2, role: 'producao' })).toBe(false);
    expect(eventIsFor(payment, { id: 2, role: 'financeiro' })).toBe(true);
    expect(can('producao', 'payments.read')).toBe(false);
    const note = { type: 'notification.created', id: 7, version: null, by: 1 };
    expect(eventIsFor(note, { id: 7, role: 'producao' })).toBe(true);
    expect(eventIsFor(note, { id: 8, role: 'admin' })).toBe(false);
    expect(eventIsFor({ type: 'x.y', id: 1, version: null, by: 1 }, { id: 1, role: 'admin' })).toBe(false);
  });

  it('finance events are scoped: a seller hears them only when among the owners; the shop always', () => {
    expect(eventScope('payment.created')).toBe('customerFinance');
    expect(eventScope('plan.updated')).toBe('customerFinance');
    expect(eventScope('order.updated')).toBeNull();
    const payment = { type: 'payment.created', id: 1, version: null, by: 1, owners: [5] };
    expect(eventIsFor(payment, { id: 5, role: 'vendedor' })).toBe(true);
    expect(eventIsFor(payment, { id: 6, role: 'vendedor' })).toBe(false);
    expect(eventIsFor({ ...payment, owners: undefined }, { id: 5, role: 'vendedor' })).toBe(false);
    expect(eventIsFor(payment, { id: 6, role: 'gerente' })).toBe(true);
    expect(eventIsFor({ type: 'order.updated', id: 1, version: 2, by: 1 }, { id: 6, role: 'vendedor' })).toBe(true);
    expect(clientEvent(payment)).toEqual({ type: 'payment.created', id: 1, version: null, by: 1 });
  });
});

describe('renderer: screens without money or documents', () => {
  it('a money cell the server left out shows —', () => {
    expect(formatCentsOrDash(undefined)).toBe('—');
    expect(formatCentsOrDash(null)).toBe('—');
    expect(formatCentsOrDash(123_456)).toMatch(/^R\$\s1\.234,56$/);
  });

  const money = {
    itemsTotalCents: 100,
    totalCents: 120,
    paidCents: 20,
    financedCents: 0,
    balanceCents: 100,
    paymentState: 'parcial' as const,
    creditOpenCents: 0,
  };

  it('orderMoney: all the money, or null when any of it is hidden', () => {
    expect(orderMoney(money)).toEqual(money);
    expect(orderMoney({})).toBeNull();
    expect(orderMoney({ ...money, paymentState: undefined })).toBeNull();
    expect(orderCharges({ freightCents: 1, discountCents: 2 })).toEqual({ freightCents: 1, discountCents: 2 });
    expect(orderCharges({})).toBeNull();
  });

  it('sorting by money is offered only to who sees it', () => {
    const sorts = ['-entryDate', 'number', '-totalCents'] as const;
    expect(visibleSorts(sorts, true)).toEqual(sorts);
    expect(visibleSorts(sorts, false)).toEqual(['-entryDate', 'number']);
  });

  it('an absent address shows as nothing', () => {
    expect(addressLines(undefined)).toEqual([]);
    expect(cityUf(undefined)).toBe('');
    expect(addressLines(NO_ADDRESS)).toEqual([]);
  });
});
