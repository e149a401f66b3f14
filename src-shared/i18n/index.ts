import { en } from './en';
import { type MessageKey, ptBR } from './pt-BR';

export type { MessageKey };
export type Locale = 'pt-BR' | 'en';

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'pt-BR': ptBR, en };

let current: Locale = 'pt-BR';

export function setLocale(locale: Locale): void {
  current = locale;
}

export function getLocale(): Locale {
  return current;
}

/** Translates a key; `{name}` placeholders are filled from params. Server-side errors always use pt-BR. */
export function t(key: MessageKey, params: Record<string, string | number> = {}, locale: Locale = current): string {
  const template = catalogs[locale][key] ?? ptBR[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Messages produced by the server, independent of the UI's chosen language. */
export function msg(key: MessageKey, params: Record<string, string | number> = {}): string {
  return t(key, params, 'pt-BR');
}
