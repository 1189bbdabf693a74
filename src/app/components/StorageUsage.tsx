import { useStorageInfo } from '../hooks/useStorageInfo';
import { bytes } from '../i18n/format';
import '../i18n/storageStrings';
import { useT } from '../i18n/useT';

/** A modest footer: storage used, whether the browser may evict it, and the offline maps. Lazy (Home.tsx). */
export function StorageUsage() {
  const { t, lang } = useT();
  const info = useStorageInfo();
  return (
    <footer className="storage">
      {info ? (
        <p>
          {t('storage.usage', { used: bytes(info.usage, lang), quota: bytes(info.quota, lang) })}{' '}
          {info.persisted ? t('storage.persisted') : t('storage.notPersisted')}
        </p>
      ) : null}
      <p>
        <a href="#/maps/packs">{t('storage.offlineMaps')}</a>
      </p>
    </footer>
  );
}
