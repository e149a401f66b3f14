import type { settings } from '../../../src-shared/contract/settings';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import { type Implementation, type ProcCtx, prepared } from '../../rpc/context';
import { decodeDataUrl } from '../orders/images';
import {
  type CheckedLogo,
  checkLogo,
  getCompanyLogoPng,
  getCompanyProfile,
  removeLogo,
  saveLogo,
  updateCompanyProfile,
} from './company';
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
    const { pixKey, pixCity, ...rules } = input;
    // The Pix key and city live in the company profile now; this older input still sets them there.
    if (pixKey !== undefined || pixCity !== undefined)
      await updateCompanyProfile(ctx.db, ctx.clock, { pixKey, pixCity });
    const { pixKey: _k, pixCity: _c, ...kept } = before;
    const stored = { ...kept, ...Object.fromEntries(Object.entries(rules).filter(([, v]) => v !== undefined)) };
    await setSetting(ctx.db, ctx.clock, 'credit', stored);
    const next = await getCreditSettings(ctx.db);
    await ctx.audit({ action: 'update', entity: 'settings', entityId: null, before, after: next });
    return next;
  },
  // --- docs: company profile ---
  'settings.company.get': (_input, ctx) => getCompanyProfile(ctx.db),
  'settings.company.update': async (input, ctx) => {
    const { before, after } = await updateCompanyProfile(ctx.db, ctx.clock, input);
    await ctx.audit({ action: 'update', entity: 'company', entityId: null, before, after });
    return getCompanyProfile(ctx.db);
  },
  'settings.company.setLogo': prepared({
    prepare: (input) => checkLogo(decodeDataUrl(input.dataUrl)),
    run: async (_input, ctx, logo: CheckedLogo) => {
      await saveLogo(ctx.db, ctx.clock, logo);
      await ctx.audit({
        action: 'logo:set',
        entity: 'company',
        entityId: null,
        after: { mime: logo.mime, bytes: logo.original.length, width: logo.width, height: logo.height },
      });
      return getCompanyProfile(ctx.db);
    },
  }),
  'settings.company.removeLogo': async (_input, ctx) => {
    await removeLogo(ctx.db);
    await ctx.audit({ action: 'logo:remove', entity: 'company', entityId: null });
    return getCompanyProfile(ctx.db);
  },
  'settings.company.logo': async (_input, ctx) => {
    const png = await getCompanyLogoPng(ctx.db);
    if (!png) throw new AppError('NOT_FOUND', msg('company.noLogo'));
    return { file: true, mime: 'image/png', filename: 'logo.png', disposition: 'inline', body: png };
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
