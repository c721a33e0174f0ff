/**
 * The UI language: English or Russian, switched in the header and remembered in localStorage.
 * The same choice goes to the server (`Accept-Language`) and to the language worker, so API errors
 * and diagnostics come in the language the screen is in.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setApiLocale } from '../api/api-client.ts';
import { en, type Messages } from './en.ts';
import { ru } from './ru.ts';

export type UiLocale = 'en' | 'ru';

export const DICTIONARIES: Record<UiLocale, Messages> = { en, ru };
const STORAGE_KEY = 'callflow.locale';

export function storedLocale(): UiLocale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'ru') return saved;
  return globalThis.navigator?.language?.startsWith('ru') ? 'ru' : 'en';
}

interface I18n {
  locale: UiLocale;
  t: Messages;
  setLocale(locale: UiLocale): void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<UiLocale>(() => {
    const initial = storedLocale();
    setApiLocale(initial);
    return initial;
  });
  const setLocale = useCallback((next: UiLocale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setApiLocale(next);
    document.documentElement.lang = next;
    setState(next);
  }, []);
  const value = useMemo(() => ({ locale, t: DICTIONARIES[locale], setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
