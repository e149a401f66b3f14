import {
  format,
  type Locale,
  type MessageKey,
  type Params,
  setLocale as setSharedLocale,
  t as sharedT,
} from '../../src-shared/i18n';
import { ROLE_LABELS, type Role } from '../../src-shared/permissions';
import { type UiKey, uiEn, uiPtBR } from './messages';

export type { Locale, UiKey };
/** A screen text (renderer catalogue) or a shared message (field and error texts, also used by the server). */
export type TextKey = UiKey | MessageKey;

export const LOCALES: readonly Locale[] = ['pt-BR', 'en'];
export const LOCALE_STORAGE_KEY = 'balcao.locale';

const uiCatalogs: Record<Locale, Record<UiKey, string>> = { 'pt-BR': uiPtBR, en: uiEn };

let current: Locale = 'pt-BR';
const listeners = new Set<() => void>();

function isUiKey(key: string): key is UiKey {
  return Object.hasOwn(uiPtBR, key);
}

/** Translates a key into the chosen language (pt-BR by default); plurals as in `src-shared/i18n` (`format`). */
export function t(key: TextKey, params: Params = {}): string {
  if (isUiKey(key)) return format(uiCatalogs[current][key] ?? uiPtBR[key], params, current);
  return sharedT(key, params, current);
}

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale, storage: Pick<Storage, 'setItem'> | null = null): void {
  current = locale;
  setSharedLocale(locale);
  try {
    storage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage full or blocked: the choice lasts for this session only.
  }
  for (const listener of listeners) listener();
}

/** Reads the saved language (pt-BR when nothing valid was saved). */
export function initLocale(storage: Pick<Storage, 'getItem'> | null): Locale {
  let saved: string | null = null;
  try {
    saved = storage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    saved = null;
  }
  const locale = LOCALES.find((l) => l === saved) ?? 'pt-BR';
  current = locale;
  setSharedLocale(locale);
  return locale;
}

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function roleLabel(role: Role): string {
  return current === 'pt-BR' ? ROLE_LABELS[role] : t(`role.${role}`);
}
