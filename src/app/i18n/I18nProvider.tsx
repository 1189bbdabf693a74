import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { I18nContext } from './context';
import { initialLanguage, storeLanguage } from './language';
import { hasDictionary, loadDictionary, translator } from './translate';

/** The language whose strings are at hand, or null while its strings load (a few ms once precached). */
function startLanguage(): UiLanguage | null {
  const lang = initialLanguage();
  return hasDictionary(lang) ? lang : null;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<UiLanguage | null>(startLanguage);

  useEffect(() => {
    if (lang !== null) return;
    const wanted = initialLanguage();
    // French is the fallback: if the wanted strings cannot load, try those before giving up on words.
    loadDictionary(wanted)
      .catch(() => loadDictionary('fr').then(() => 'fr' as const))
      .then(
        (loaded) => setLangState(loaded === 'fr' ? 'fr' : wanted),
        () => setLangState('fr'),
      );
  }, [lang]);

  useEffect(() => {
    if (lang) document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: UiLanguage) => {
    storeLanguage(next);
    loadDictionary(next).then(
      () => setLangState(next),
      () => undefined,
    );
  }, []);

  const value = useMemo(() => (lang ? { lang, setLang, t: translator(lang) } : null), [lang, setLang]);
  if (!value) return null;
  return <I18nContext value={value}>{children}</I18nContext>;
}
