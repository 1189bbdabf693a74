import { useT } from '../i18n/useT';

export function NotFound() {
  const { t } = useT();
  return (
    <main id="main" className="page">
      <h1>{t('notFound.title')}</h1>
      <a href="#/">{t('fill.backHome')}</a>
    </main>
  );
}
