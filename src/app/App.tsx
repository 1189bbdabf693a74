import { AppShell } from './components/AppShell';
import { SkipLink } from './components/SkipLink';
import { UpdateBanner } from './components/UpdateBanner';
import { useApp } from './hooks/useApp';
import { useT } from './i18n/useT';
import { lazy, Suspense } from 'react';

// Signing in happens once, online; an agent then works signed in for weeks: off the start-up JavaScript.
const SignIn = lazy(() => import('./pages/SignIn').then((m) => ({ default: m.SignIn })));
// A locked app (a reload, an idle time) shows this page and nothing else: no data is rendered.
const Unlock = lazy(() => import('./pages/Unlock').then((m) => ({ default: m.Unlock })));

/** Sign-in until a session exists, unlock while it is locked; then the app, once the user's database is open. */
export function App() {
  const { t } = useT();
  const { status, connection } = useApp();
  let content;
  if (status === 'loading' || (status === 'signedIn' && !connection)) {
    content = (
      <p className="splash" role="status">
        {t('app.loading')}
      </p>
    );
  } else if (status !== 'signedIn') {
    content = (
      <Suspense fallback={<p className="splash">{t('app.loading')}</p>}>
        {status === 'locked' ? <Unlock /> : <SignIn />}
      </Suspense>
    );
  } else {
    content = <AppShell />;
  }
  return (
    <div className="app">
      <SkipLink />
      <UpdateBanner />
      {content}
    </div>
  );
}
