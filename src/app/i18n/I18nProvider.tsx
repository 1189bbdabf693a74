import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { UiLanguage } from '../../core/i18n/localized';
import { I18nContext } from './context';
import { initialLanguage, storeLanguage } from './language';
import { translator } from './translate';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<UiLanguage>(initialLanguage);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: UiLanguage) => {
    storeLanguage(next);
    setLangState(next);
  }, []);

  const value = useMemo(() => ({ lang, setLang, t: translator(lang) }), [lang, setLang]);
  return <I18nContext value={value}>{children}</I18nContext>;
}
