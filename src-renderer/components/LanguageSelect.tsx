import { useId } from 'react';
import { call, getClient } from '../api/client';
import { useLocale } from '../hooks/useLocale';
import { LOCALES, type Locale, setLocale, t } from '../i18n';

const NAMES: Record<Locale, string> = { 'pt-BR': 'Português', en: 'English' };

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Shows the UI in `locale` and remembers it on this device. */
export function showLocale(locale: Locale): void {
  setLocale(locale, storage());
}

/**
 * Shows the UI in `locale` and, when someone is signed in, saves it as their own setting, so the
 * server answers them in it on every device (best effort: offline, the choice stays local).
 */
export function chooseLocale(locale: Locale): void {
  showLocale(locale);
  if (getClient().tokens.get() !== null) void call('auth.setLocale', { locale }).catch(() => undefined);
}

export function LanguageSelect() {
  const locale = useLocale();
  const id = useId();
  return (
    <span className="language">
      <label htmlFor={id} className="visually-hidden">
        {t('shell.language')}
      </label>
      <select id={id} value={locale} data-testid="language" onChange={(e) => chooseLocale(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </span>
  );
}
