import { z } from 'zod';
import { Clearable, say, Text } from './common';
import { procedure } from './procedure';

export const StageKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,29}$/, say('field.stageKey'));

export const ProductionSettings = z.object({
  stages: z.array(z.object({ key: z.string(), label: z.string() })),
  productionTypes: z.array(z.string()),
  requireArtApproval: z.boolean(),
  stalledHours: z.number().int(),
});

export const CreditSettings = z.object({
  finePercent: z.number(),
  monthlyInterestPercent: z.number(),
  graceDays: z.number().int(),
  depositPercent: z.number(),
  blockAfterDaysOverdue: z.number().int(),
  pixKey: z.string().nullable(),
  pixCity: z.string().nullable(),
});

const settingsCore = {
  'settings.production.get': procedure({
    http: 'GET /api/settings/production',
    permission: 'authenticated',
    summary: 'Etapas de produção (nome e ordem), tipos de produção, exigência de arte aprovada e horas para "parado".',
    input: z.strictObject({}),
    output: ProductionSettings,
  }),
  'settings.production.update': procedure({
    http: 'PATCH /api/settings/production',
    permission: 'settings.write',
    summary: 'Renomeia, reordena ou retira etapas; a primeira etapa é sempre o financeiro (aprovação).',
    emits: 'settings.updated',
    emitId: () => 0,
    input: z.strictObject({
      stages: z
        .array(z.strictObject({ key: StageKey, label: Text(40) }))
        .min(1)
        .max(12)
        .optional(),
      productionTypes: z.array(Text(40)).min(1).max(100).optional(),
      requireArtApproval: z.boolean().optional(),
      stalledHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .optional(),
    }),
    output: ProductionSettings,
  }),
  'settings.credit.get': procedure({
    http: 'GET /api/settings/credit',
    permission: 'authenticated',
    summary: 'Multa, juros de mora, carência, sinal exigido, bloqueio por atraso e chave Pix.',
    input: z.strictObject({}),
    output: CreditSettings,
  }),
  'settings.credit.update': procedure({
    http: 'PATCH /api/settings/credit',
    permission: 'settings.write',
    summary: 'Altera as regras de crediário e cobrança (multa nunca acima de 2%).',
    input: z.strictObject({
      finePercent: z.number().min(0).max(2, say('field.finePercent')).optional(),
      monthlyInterestPercent: z.number().min(0).max(1, say('field.interestPercent')).optional(),
      graceDays: z.number().int().min(0).max(60).optional(),
      depositPercent: z.number().min(0).max(100).optional(),
      blockAfterDaysOverdue: z.number().int().min(0).max(365).optional(),
      pixKey: Clearable(Text(77)),
      pixCity: Clearable(Text(15)),
    }),
    output: CreditSettings,
  }),
};

// --- desk: network mode, LAN addresses and updates (issue 13) ---

export const NetworkSettingsOutput = z.object({
  /** `local`: só este computador (127.0.0.1); `lan`: rede da loja (todas as interfaces). */
  mode: z.enum(['local', 'lan']),
  deviceApproval: z.boolean(),
  updateUrl: z.string().nullable(),
  updateChannel: z.enum(['stable', 'beta']),
  /** How the server listens right now (it changes with `mode` at the next start). */
  listening: z.object({ host: z.string(), port: z.number().int() }).nullable(),
  restartNeeded: z.boolean(),
  /** This computer's addresses on the shop network, each with the URL to open and its QR code (SVG). */
  addresses: z.array(z.object({ interface: z.string(), address: z.string(), url: z.string(), qrSvg: z.string() })),
  /** Where the data lives (the user's app-data folder; kept across updates and uninstall). */
  dataDir: z.string(),
  version: z.string(),
});

export const network = {
  'settings.network.get': procedure({
    http: 'GET /api/settings/network',
    permission: 'settings.write',
    summary:
      'Modo de rede (só este computador ou rede da loja), aprovação de aparelhos, endereços deste PC com QR code, pasta dos dados e atualizações.',
    input: z.strictObject({}),
    output: NetworkSettingsOutput,
  }),
  'settings.network.update': procedure({
    http: 'PATCH /api/settings/network',
    permission: 'devices.manage',
    summary:
      'Muda o modo de rede (vale ao reiniciar o Balcão), a aprovação de aparelhos e o endereço/canal de atualizações.',
    input: z.strictObject({
      mode: z.enum(['local', 'lan']).optional(),
      deviceApproval: z.boolean().optional(),
      updateUrl: Clearable(
        z
          .string()
          .trim()
          .max(500)
          .regex(/^https?:\/\/[^\s]+$/, say('field.updateUrl')),
      ),
      updateChannel: z.enum(['stable', 'beta']).optional(),
    }),
    output: NetworkSettingsOutput,
  }),
};

export const settings = { ...settingsCore, ...network };
