import type { MessagesSettingsOut } from '../../../src-shared/contract/messages';
import { DEFAULT_TEMPLATES, type Template, type TemplateKind } from '../../../src-shared/domain/templates';
import type { Db } from '../../db/connection';
import { getCompanyProfile } from '../settings/company';
import { getSetting } from '../settings/service';

/** What the messages module keeps in `settings` (key `messages`), secrets included: never answered as is. */
export interface MessagesConfig {
  smtp: {
    host: string;
    port: number;
    tls: 'none' | 'starttls' | 'tls';
    user: string;
    password: string;
    fromName: string;
    fromAddress: string;
  };
  whatsapp: { phoneNumberId: string; token: string; apiBase: string };
  reminders: { enabled: boolean; dueInDays: number; overdueSteps: number[]; deliveredBalances: boolean };
  weeklyReport: { recipients: string[] };
  orderReady: 'auto' | 'ask' | 'off';
  pickup: { address: string; hours: string };
  quoteFollowUp: { customer: boolean };
  birthdays: { enabled: boolean };
}

export const MESSAGES_KEY = 'messages';
export const TEMPLATES_KEY = 'messages.templates';

export const DEFAULT_MESSAGES: MessagesConfig = {
  smtp: { host: '', port: 587, tls: 'starttls', user: '', password: '', fromName: '', fromAddress: '' },
  whatsapp: { phoneNumberId: '', token: '', apiBase: 'https://graph.facebook.com/v21.0' },
  reminders: { enabled: true, dueInDays: 3, overdueSteps: [1, 7, 15, 30], deliveredBalances: true },
  weeklyReport: { recipients: [] },
  orderReady: 'auto',
  pickup: { address: '', hours: 'seg. a sex., 8h às 18h' },
  quoteFollowUp: { customer: false },
  birthdays: { enabled: false },
};

export async function getMessagesConfig(db: Db): Promise<MessagesConfig> {
  const saved = (await getSetting<Partial<MessagesConfig>>(db, MESSAGES_KEY)) ?? {};
  const d = DEFAULT_MESSAGES;
  return {
    smtp: { ...d.smtp, ...saved.smtp },
    whatsapp: { ...d.whatsapp, ...saved.whatsapp },
    reminders: { ...d.reminders, ...saved.reminders },
    weeklyReport: { ...d.weeklyReport, ...saved.weeklyReport },
    orderReady: saved.orderReady ?? d.orderReady,
    pickup: { ...d.pickup, ...saved.pickup },
    quoteFollowUp: { ...d.quoteFollowUp, ...saved.quoteFollowUp },
    birthdays: { ...d.birthdays, ...saved.birthdays },
  };
}

export const smtpConfigured = (c: MessagesConfig) => Boolean(c.smtp.host && c.smtp.fromAddress);
export const cloudApiConfigured = (c: MessagesConfig) => Boolean(c.whatsapp.token && c.whatsapp.phoneNumberId);

/** The settings as answered: secrets only say whether they are saved. */
export function publicSettings(c: MessagesConfig): MessagesSettingsOut {
  const { password, ...smtp } = c.smtp;
  const { token, ...whatsapp } = c.whatsapp;
  return {
    ...c,
    smtp: { ...smtp, passwordSet: password !== '' },
    whatsapp: { ...whatsapp, tokenSet: token !== '', cloudApi: cloudApiConfigured(c) },
  };
}

export async function getTemplates(db: Db): Promise<Record<TemplateKind, Template & { isDefault: boolean }>> {
  const saved = (await getSetting<Partial<Record<TemplateKind, Template>>>(db, TEMPLATES_KEY)) ?? {};
  const out = {} as Record<TemplateKind, Template & { isDefault: boolean }>;
  for (const kind of Object.keys(DEFAULT_TEMPLATES) as TemplateKind[]) {
    const own = saved[kind];
    out[kind] = own ? { ...own, isDefault: false } : { ...DEFAULT_TEMPLATES[kind], isDefault: true };
  }
  return out;
}

/**
 * The shop as messages name it ({empresa}, {pix}, {endereco}): the company profile (Dados da
 * empresa: name, Pix key and city, address) and the pickup address and hours of these settings
 * (the profile's address when no pickup address was given).
 */
export async function shopInfo(
  db: Db,
): Promise<{ name: string; pixKey: string | null; pixCity: string; address: string; hours: string }> {
  const [company, config] = await Promise.all([getCompanyProfile(db), getMessagesConfig(db)]);
  return {
    name: company.name,
    pixKey: company.pixKey,
    pixCity: company.pixCity ?? company.city ?? 'Brasil',
    address: config.pickup.address || profileAddress(company),
    hours: config.pickup.hours,
  };
}

/** The profile's address on one line ("Rua X, 10 – Centro – Campinas/SP"), or "" when none was given. */
function profileAddress(p: Awaited<ReturnType<typeof getCompanyProfile>>): string {
  const street = [p.street, p.number].filter(Boolean).join(', ');
  const city = [p.city, p.state].filter(Boolean).join('/');
  return [street, p.district, city].filter(Boolean).join(' – ');
}
