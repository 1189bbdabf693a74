import { useState } from 'react';
import { useUpdateState } from '../hooks/useUpdateState';
import { useT } from '../i18n/useT';
import { applyUpdate, dismissOfflineReady } from '../pwa/update';

/** "A new version is available — Reload". Never reloads by itself; drafts are saved first. */
export function UpdateBanner() {
  const { t } = useT();
  const { needRefresh, offlineReady } = useUpdateState();
  const [reloading, setReloading] = useState(false);
  if (needRefresh) {
    return (
      <div className="banner banner-update" role="status">
        <p>{t('update.available')}</p>
        <button
          type="button"
          className="button-primary"
          disabled={reloading}
          onClick={() => {
            setReloading(true);
            void applyUpdate();
          }}
        >
          {t('update.reload')}
        </button>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <div className="banner" role="status">
        <p>{t('update.offlineReady')}</p>
        <button type="button" onClick={dismissOfflineReady}>
          {t('update.dismiss')}
        </button>
      </div>
    );
  }
  return null;
}
