import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { handlers, rowScopes } from '../../src-main/modules';
import type { ProcCtx } from '../../src-main/rpc/context';
import { Dispatcher } from '../../src-main/rpc/dispatcher';
import { makeApp, setupAdmin } from '../helpers/app';

/** A restore closes the gate and drains: a write already past the gate (still preparing) is waited for. */
describe('write gate and drain', () => {
  let app: App | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  it('drainWrites waits for a write still in prepare; it is refused at the queue; a later write gets 503', async () => {
    const made = await makeApp();
    app = made.app;
    await setupAdmin(app);
    const admin = (await app.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
    const base = handlers['customers.create'] as (input: unknown, ctx: ProcCtx) => unknown;
    let release: () => void = () => undefined;
    let preparing: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      preparing = resolve;
    });
    const slow = {
      prepare: async () => {
        preparing();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      run: (input: unknown, ctx: ProcCtx) => base(input, ctx),
    };
    const dispatcher = new Dispatcher({
      db: app.db,
      clock: app.clock,
      events: app.events,
      services: app.services,
      handlers: { ...handlers, 'customers.create': slow },
      rowScopes,
    });
    const count = async () =>
      Number(
        (
          await app?.db
            .selectFrom('customers')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    const before = await count();
    const input = { name: 'Lenta', phone: '11987654321' };

    const inFlight = dispatcher.call('customers.create', input, { transport: 'direct', asUserId: admin });
    inFlight.catch(() => undefined);
    await started;
    app.services.writeGate.close('restore');
    let drained = false;
    const drain = dispatcher.drainWrites().then(() => {
      drained = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(drained).toBe(false);

    // A write arriving now is refused at once.
    await expect(
      dispatcher.call('customers.create', input, { transport: 'direct', asUserId: admin }),
    ).rejects.toMatchObject({ code: 'MAINTENANCE' });
    // And so is system work.
    await expect(dispatcher.system('test', async () => 1)).rejects.toMatchObject({ code: 'MAINTENANCE' });

    release();
    await expect(inFlight).rejects.toMatchObject({ code: 'MAINTENANCE' });
    await drain;
    expect(drained).toBe(true);
    expect(await count()).toBe(before);
    app.services.writeGate.open();
  });
});
