import { useStorageInfo } from '../hooks/useStorageInfo';
import { bytes } from '../i18n/format';
import '../i18n/storageStrings';
import { useT } from '../i18n/useT';

/** A modest footer line: storage used, and whether the browser may evict it. Lazy (Home.tsx). */
export function StorageUsage() {
  const { t, lang } = useT();
  const info = useStorageInfo();
  if (!info) return null;
  return (
    <footer className="storage">
      <p>
        {t('storage.usage', { used: bytes(info.usage, lang), quota: bytes(info.quota, lang) })}{' '}
        {info.persisted ? t('storage.persisted') : t('storage.notPersisted')}
      </p>
    </footer>
  );
}
