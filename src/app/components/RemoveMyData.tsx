import { useState } from 'react';
import { useRemoveMyData } from '../hooks/useRemoveMyData';
// Registers this section's strings (they load with the export page, not at start).
import '../i18n/vaultStrings';
import { useT } from '../i18n/useT';
import { ConfirmPanel } from './ConfirmPanel';

/**
 * "Remove my data from this device" (on the export page): refused while the device holds data the server
 * does not have, unless the file just exported holds it. Removing erases the user's key and database here,
 * then signs out; the server's copy is not touched.
 */
export function RemoveMyData({ exported }: { exported: string | null }) {
  const { t } = useT();
  const { unsent, allowed, remove, refused } = useRemoveMyData(exported);
  const [asking, setAsking] = useState(false);
  return (
    <section aria-labelledby="remove-title">
      <h2 id="remove-title">{t('remove.title')}</h2>
      <p>{t('remove.intro')}</p>
      {unsent && unsent.count > 0 ? (
        <p className={allowed ? 'alert alert-success' : 'alert alert-warning'}>
          {allowed ? t('remove.exported') : t('remove.unsent', { count: unsent.count })}
        </p>
      ) : null}
      {refused ? (
        <p className="alert alert-error" role="alert">
          {t('remove.refused')}
        </p>
      ) : null}
      {asking ? (
        <ConfirmPanel
          question={t('remove.question')}
          confirmLabel={t('remove.confirm')}
          onConfirm={() => {
            setAsking(false);
            void remove();
          }}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <button type="button" className="button-danger" disabled={!allowed} onClick={() => setAsking(true)}>
          {t('remove.button')}
        </button>
      )}
    </section>
  );
}
