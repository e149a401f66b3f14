import type { settings } from '../../../src-shared/contract/settings';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { Implementation } from '../../rpc/context';
import { getCreditSettings } from './credit';
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
} satisfies Implementation<typeof settings>;
