import { useT } from '../i18n/useT';

/** One button naming the other language in that language ("English" / "Français"). */
export function LanguageSwitch() {
  const { t, lang, setLang } = useT();
  const other = lang === 'fr' ? 'en' : 'fr';
  return (
    <button type="button" className="button-quiet" lang={other} onClick={() => setLang(other)}>
      {t('header.switchLanguage')}
    </button>
  );
}
