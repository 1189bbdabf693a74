import { lazy, Suspense, useState } from 'react';
import { useT } from '../i18n/useT';

const SignOutPanel = lazy(() => import('./SignOutPanel').then((m) => ({ default: m.SignOutPanel })));

/** Sign out, after a confirmation (SignOutPanel.tsx) that says whether changes still wait to sync. */
export function SignOutControl() {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="button-quiet" onClick={() => setAsking(true)} aria-expanded={asking}>
        {t('header.signOut')}
      </button>
      {asking ? (
        <Suspense fallback={null}>
          <SignOutPanel onClose={() => setAsking(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
