import { useId } from 'react';
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

export function LanguageSelect() {
  const locale = useLocale();
  const id = useId();
  return (
    <span className="language">
      <label htmlFor={id} className="visually-hidden">
        {t('shell.language')}
      </label>
      <select
        id={id}
        value={locale}
        data-testid="language"
        onChange={(e) => setLocale(e.target.value as Locale, storage())}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </span>
  );
}
