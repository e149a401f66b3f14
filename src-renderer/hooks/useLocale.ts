import { useSyncExternalStore } from 'react';
import { getLocale, type Locale, subscribeLocale } from '../i18n';

export function useLocale(): Locale {
  return useSyncExternalStore(subscribeLocale, getLocale, getLocale);
}
