import { useApp } from '../hooks/useApp';
import { usePendingCount } from '../hooks/usePendingCount';
import '../i18n/signOutStrings';
import { useT } from '../i18n/useT';
import { ConfirmPanel } from './ConfirmPanel';

/**
 * The confirmation that says whether changes still wait to sync. Local data is kept, sealed; the panel
 * leads to "Remove my data from this device" (on the export page) for those who want it gone. Loaded when
 * the user asks to sign out (SignOutControl.tsx), off the start-up JavaScript.
 */
export function SignOutPanel({ onClose }: { onClose: () => void }) {
  const { t } = useT();
  const { signOut } = useApp();
  const pending = usePendingCount() ?? 0;
  return (
    <div className="header-confirm">
      <ConfirmPanel
        question={t('signOut.question')}
        detail={pending > 0 ? t('signOut.pending', { count: pending }) : undefined}
        confirmLabel={t('signOut.confirm')}
        onConfirm={() => void signOut()}
        onCancel={onClose}
      />
      <a href="#/export" onClick={onClose}>
        {t('signOut.remove')}
      </a>
    </div>
  );
}
