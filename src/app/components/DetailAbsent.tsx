import type { MessageKey } from '../i18n/types';
import { useT } from '../i18n/useT';
import { hrefOf } from '../state/router';

/**
 * A coordination detail page while its record loads (`undefined`) or when there is none (`null`): the
 * pages' data hooks answer one or the other until the record is read.
 */
export function DetailAbsent({ loading, notFound }: { loading: boolean; notFound: MessageKey }) {
  const { t } = useT();
  return (
    <main id="main" className="page">
      {loading ? (
        <p>{t('app.loading')}</p>
      ) : (
        <>
          <p className="empty">{t(notFound)}</p>
          <a href={hrefOf({ name: 'projects' })}>{t('proj.back')}</a>
        </>
      )}
    </main>
  );
}
