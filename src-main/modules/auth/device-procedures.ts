import type { devices } from '../../../src-shared/contract/auth';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { DevicesTable } from '../../db/schema';
import { isLoopback } from '../../http/hosts';
import { type Implementation, type ProcCtx, requireUser } from '../../rpc/context';

/** "Chrome no Android", "Safari no iPhone", "Firefox no Windows" — enough for an admin to recognise a device. */
export function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return 'Navegador desconhecido';
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /SamsungBrowser/.test(ua)
      ? 'Samsung Internet'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrome\/|CriOS\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : 'Navegador';
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone/.test(ua)
      ? 'iPhone'
      : /iPad/.test(ua)
        ? 'iPad'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Mac OS X/.test(ua)
            ? 'Mac'
            : /Linux/.test(ua)
              ? 'Linux'
              : null;
  return system ? `${browser} no ${system}` : browser;
}

type Row = Pick<
  DevicesTable,
  'code' | 'name' | 'address' | 'user_agent' | 'status' | 'created_at' | 'decided_at' | 'last_used_at'
> & { id: number };

const toDevice = (r: Row) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  address: r.address,
  userAgent: r.user_agent,
  browser: describeBrowser(r.user_agent),
  status: r.status,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  lastUsedAt: r.last_used_at,
});

async function deviceById(ctx: ProcCtx, id: number): Promise<Row> {
  const row = await ctx.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', msg('devices.notFound'));
  return row;
}

export const deviceProcedures = {
  'devices.self': async (_input, ctx) => {
    if (ctx.call.transport !== 'http' || isLoopback(ctx.call.ip)) return { status: 'local', code: null };
    const device = ctx.call.device;
    if (!device) return { status: 'open', code: null };
    return { status: device.status, code: device.status === 'approved' ? null : device.code };
  },
  'devices.list': async (_input, ctx) => {
    const rows = await ctx.db
      .selectFrom('devices')
      .selectAll()
      .orderBy((eb) => eb.case().when('status', '=', 'pending').then(0).else(1).end())
      .orderBy('last_used_at', 'desc')
      .orderBy('id', 'desc')
      .limit(500)
      .execute();
    return { items: rows.map(toDevice) };
  },
  'devices.approve': async (input, ctx) => {
    const user = requireUser(ctx);
    const before = await deviceById(ctx, input.id);
    const now = ctx.clock.nowIso();
    await ctx.db
      .updateTable('devices')
      .set({
        status: 'approved',
        decided_at: now,
        decided_by: user.id,
        ...(input.name !== undefined && { name: input.name }),
      })
      .where('id', '=', input.id)
      .execute();
    ctx.services.devices.forget(input.id);
    const after = await deviceById(ctx, input.id);
    await ctx.audit({
      action: 'approve',
      entity: 'device',
      entityId: input.id,
      before: toDevice(before),
      after: toDevice(after),
    });
    return toDevice(after);
  },
  'devices.revoke': async (input, ctx) => {
    const user = requireUser(ctx);
    const before = await deviceById(ctx, input.id);
    await ctx.db
      .updateTable('devices')
      .set({ status: 'revoked', decided_at: ctx.clock.nowIso(), decided_by: user.id })
      .where('id', '=', input.id)
      .execute();
    ctx.services.devices.forget(input.id);
    const ended = await ctx.services.sessions.revokeDevice(ctx.db, input.id);
    const after = await deviceById(ctx, input.id);
    await ctx.audit({
      action: 'revoke',
      entity: 'device',
      entityId: input.id,
      before: toDevice(before),
      after: { ...toDevice(after), sessionsEnded: ended.length },
    });
    return toDevice(after);
  },
} satisfies Implementation<typeof devices>;
