import type { settings } from '../../../src-shared/contract/settings';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { Implementation, ProcCtx } from '../../rpc/context';
import { getCreditSettings } from './credit';
import { lanAddresses, type NetworkSettings, readNetworkSettings } from './network';
import { getProductionSettings } from './production';
import { setSetting } from './service';

export const settingsProcedures = {
  'settings.production.get': (_input, ctx) => getProductionSettings(ctx.db),
  'settings.production.update': async (input, ctx) => {
    const before = await getProductionSettings(ctx.db);
    const next = { ...before };
    if (input.stages) {
      const keys = input.stages.map((s) => s.key);
      if (keys[0] !== 'financeiro') {
        throw new AppError('BUSINESS_RULE', msg('settings.firstStageFinance'));
      }
      if (new Set(keys).size !== keys.length) throw new AppError('BUSINESS_RULE', msg('settings.duplicateStages'));
      next.stages = input.stages;
    }
    if (input.productionTypes) next.productionTypes = [...new Set(input.productionTypes)];
    if (input.requireArtApproval !== undefined) next.requireArtApproval = input.requireArtApproval;
    if (input.stalledHours !== undefined) next.stalledHours = input.stalledHours;
    await setSetting(ctx.db, ctx.clock, 'production', next);
    await ctx.audit({ action: 'update', entity: 'settings', entityId: null, before, after: next });
    return next;
  },
  'settings.credit.get': (_input, ctx) => getCreditSettings(ctx.db),
  'settings.credit.update': async (input, ctx) => {
    const before = await getCreditSettings(ctx.db);
    const next = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
    await setSetting(ctx.db, ctx.clock, 'credit', next);
    await ctx.audit({ action: 'update', entity: 'settings', entityId: null, before, after: next });
    return next;
  },
  'settings.network.get': async (_input, ctx) => networkView(ctx, await readNetworkSettings(ctx.db)),
  'settings.network.update': async (input, ctx) => {
    const before = await readNetworkSettings(ctx.db);
    const next: NetworkSettings = {
      mode: input.mode ?? before.mode,
      deviceApproval: input.deviceApproval ?? before.deviceApproval,
      updateUrl: input.updateUrl === undefined ? before.updateUrl : input.updateUrl,
      updateChannel: input.updateChannel ?? before.updateChannel,
    };
    await setSetting(ctx.db, ctx.clock, 'network', next);
    await ctx.audit({ action: 'update', entity: 'settings', entityId: null, before, after: next });
    ctx.services.devices.forgetSettings();
    ctx.services.onNetworkChanged?.(next);
    return networkView(ctx, next);
  },
} satisfies Implementation<typeof settings>;

/** The network setting as the settings page shows it: with how the server listens now and this PC's addresses. */
async function networkView(ctx: ProcCtx, value: NetworkSettings) {
  const listening = ctx.services.listening;
  const everywhere = listening !== null && (listening.host === '0.0.0.0' || listening.host === '::');
  return {
    ...value,
    listening,
    restartNeeded: listening !== null && (value.mode === 'lan') !== everywhere,
    addresses: listening && everywhere ? await lanAddresses(listening.port) : [],
    dataDir: ctx.services.dataDir,
    version: ctx.services.version,
  };
}
