import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { catchUp, JOBS } from '../../src-main/jobs/scheduler';
import { readStored } from '../../src-shared/i18n';
import { makeApp, setupAdmin, userWithRole } from '../helpers/app';

describe('scheduled jobs', () => {
  let app: App;
  let clock: Awaited<ReturnType<typeof makeApp>>['clock'];
  let token: string;
  beforeAll(async () => {
    ({ app, clock } = await makeApp('2026-11-24T13:00:00Z'));
    token = await setupAdmin(app);
  });
  afterAll(() => app.close());

  it('catches up a missed day once, and tells production about orders that became overdue', async () => {
    const producao = await userWithRole(app, 'producao');
    const product = (await app.call(
      'products.create',
      { name: 'Banner', productionType: 'lona', unit: 'un', priceCents: 1000 },
      { token },
    )) as { id: number };
    const customer = (await app.call('customers.create', { name: 'Cliente Atrasado' }, { token })) as { id: number };
    const order = (await app.call(
      'orders.create',
      {
        customerId: customer.id,
        deliveryDate: '2026-11-25',
        items: [{ productId: product.id, description: 'Banner', quantity: 1 }],
      },
      { token },
    )) as { id: number; number: string };

    expect(await catchUp(app)).toEqual(JOBS.map((j) => j.name));
    expect(await catchUp(app)).toEqual([]); // same day: nothing to catch up
    const overdue = () =>
      app.db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', producao.id)
        .where('type', '=', 'order.overdue')
        .execute();
    expect(await overdue()).toHaveLength(0);

    clock.advance(3 * 86_400_000); // the PC was off for three days
    const events: string[] = [];
    const stop = app.events.subscribe((e) => events.push(e.type));
    expect(await catchUp(app)).toEqual(['parcelas-atrasadas', 'pedidos-atrasados', 'limpeza', 'saude-clientes']);
    const notes = await overdue();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ order_id: order.id });
    // Kept as key and parameters, said in each reader's language.
    expect(readStored(notes[0]?.title ?? '', 'pt-BR')).toBe(`Pedido ${order.number} atrasado`);
    expect(readStored(notes[0]?.title ?? '', 'en')).toBe(`Order ${order.number} overdue`);
    expect(events).toContain('notification.created');
    clock.advance(86_400_000);
    await catchUp(app);
    expect(await overdue()).toHaveLength(1); // once per order
    stop();
  });

  it('cleans old idempotency keys and ended sessions', async () => {
    const { token: old } = await app.services.sessions.create(app.db, 1, {});
    await app.call('customers.create', { name: 'Cliente Idempotente' }, { token: old, idempotencyKey: 'chave-antiga' });
    await app.call('auth.logout', {}, { token: old });
    const count = (t: string) =>
      (app.database.sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
    expect(count('idempotency_keys')).toBe(1);
    clock.advance(40 * 86_400_000);
    await catchUp(app);
    expect(count('idempotency_keys')).toBe(0);
    expect(
      (
        app.database.sqlite.prepare('select count(*) as n from sessions where revoked_at is not null').get() as {
          n: number;
        }
      ).n,
    ).toBe(0);
    expect(token).toBeTruthy();
  });
});
