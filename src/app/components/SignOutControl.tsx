import { useState } from 'react';
import { useApp } from '../hooks/useApp';
import { usePendingCount } from '../hooks/usePendingCount';
import { useT } from '../i18n/useT';
import { ConfirmPanel } from './ConfirmPanel';

/**
 * Sign out after a confirmation that says whether changes still wait to sync. Local data is kept, sealed;
 * the panel leads to "Remove my data from this device" (on the export page) for those who want it gone.
 */
export function SignOutControl() {
  const { t } = useT();
  const { signOut } = useApp();
  const pending = usePendingCount() ?? 0;
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="button-quiet" onClick={() => setAsking(true)} aria-expanded={asking}>
        {t('header.signOut')}
      </button>
      {asking ? (
        <div className="header-confirm">
          <ConfirmPanel
            question={t('signOut.question')}
            detail={pending > 0 ? t('signOut.pending', { count: pending }) : undefined}
            confirmLabel={t('signOut.confirm')}
            onConfirm={() => void signOut()}
            onCancel={() => setAsking(false)}
          />
          <a href="#/export" onClick={() => setAsking(false)}>
            {t('signOut.remove')}
          </a>
        </div>
      ) : null}
    </>
  );
}
