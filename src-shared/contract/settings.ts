import { z } from 'zod';
import { CepInput, Clearable, DocumentInput, Email, Empty, Note, PhoneInput, say, Text, Uf } from './common';
import { fileOutput, procedure } from './procedure';

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

/** Company profile (Dados da empresa): what every document's header and the Pix codes read. */
export const CompanyProfile = z.object({
  /** Nome fantasia: the shop's name on screens and documents. */
  name: z.string(),
  legalName: z.string().nullable(),
  /** CNPJ (14 digits) or, for a MEI, CPF (11 digits). */
  document: z.string().nullable(),
  stateRegistration: z.string().nullable(),
  cep: z.string().nullable(),
  street: z.string().nullable(),
  number: z.string().nullable(),
  complement: z.string().nullable(),
  district: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  phone: z.string().nullable(),
  whatsapp: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  pixKey: z.string().nullable(),
  pixCity: z.string().nullable(),
  /** Praça de pagamento printed on promissórias (defaults to the city). */
  promissoryPlace: z.string().nullable(),
  quoteValidityDays: z.number().int(),
  paymentTerms: z.string().nullable(),
  deliveryTerms: z.string().nullable(),
  /** Signed-in clients fetch it from `GET /api/settings/company/logo`; null without a logo. */
  logo: z
    .object({ mime: z.string(), width: z.number().int(), height: z.number().int(), updatedAt: z.string() })
    .nullable(),
});

export const CompanyProfileInput = z.strictObject({
  name: Text(120).optional(),
  legalName: Clearable(Text(160)),
  document: Clearable(DocumentInput),
  stateRegistration: Clearable(Text(30)),
  cep: Clearable(CepInput),
  street: Clearable(Text(160)),
  number: Clearable(Text(20)),
  complement: Clearable(Text(80)),
  district: Clearable(Text(80)),
  city: Clearable(Text(80)),
  state: Clearable(Uf),
  phone: Clearable(PhoneInput),
  whatsapp: Clearable(PhoneInput),
  email: Clearable(Email),
  website: Clearable(Text(160)),
  pixKey: Clearable(Text(77)),
  pixCity: Clearable(Text(15)),
  promissoryPlace: Clearable(Text(80)),
  quoteValidityDays: z.number().int().min(1).max(365).optional(),
  paymentTerms: Clearable(Note(600)),
  deliveryTerms: Clearable(Note(600)),
});

/** What first-run setup may ask besides the name: the essentials (the settings page edits the rest). */
export const SetupCompanyInput = CompanyProfileInput.pick({
  legalName: true,
  document: true,
  phone: true,
  whatsapp: true,
  city: true,
  state: true,
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
  // --- docs: company profile (Dados da empresa) ---
  'settings.company.get': procedure({
    http: 'GET /api/settings/company',
    permission: 'authenticated',
    summary:
      'Dados da empresa: razão social, fantasia, CNPJ/CPF, endereço, contatos, Pix, praça e termos dos orçamentos.',
    input: Empty,
    output: CompanyProfile,
  }),
  'settings.company.update': procedure({
    http: 'PATCH /api/settings/company',
    permission: 'settings.write',
    summary: 'Altera os dados da empresa impressos em todos os documentos (campo vazio apaga).',
    emits: 'settings.updated',
    emitId: () => 0,
    input: CompanyProfileInput,
    output: CompanyProfile,
  }),
  'settings.company.setLogo': procedure({
    http: 'PUT /api/settings/company/logo',
    permission: 'settings.write',
    summary:
      'Envia o logotipo (PNG, JPEG ou SVG sem scripts nem referências externas, até 2 MB; multipart ou {"dataUrl"}).',
    emits: 'settings.updated',
    emitId: () => 0,
    bodyLimit: 3 * 1024 * 1024,
    input: z.strictObject({ dataUrl: z.string().max(3_000_000) }),
    output: CompanyProfile,
  }),
  'settings.company.removeLogo': procedure({
    http: 'DELETE /api/settings/company/logo',
    permission: 'settings.write',
    summary: 'Retira o logotipo dos documentos.',
    emits: 'settings.updated',
    emitId: () => 0,
    input: Empty,
    output: CompanyProfile,
  }),
  'settings.company.logo': procedure({
    http: 'GET /api/settings/company/logo',
    permission: 'authenticated',
    summary: 'O logotipo da empresa como PNG (o mesmo que os documentos imprimem).',
    input: Empty,
    output: fileOutput('image/png'),
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
