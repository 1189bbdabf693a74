import { AppShell } from './components/AppShell';
import { UpdateBanner } from './components/UpdateBanner';
import { useApp } from './hooks/useApp';
import { useT } from './i18n/useT';
import { lazy, Suspense } from 'react';

// Signing in happens once, online; an agent then works signed in for weeks: off the start-up JavaScript.
const SignIn = lazy(() => import('./pages/SignIn').then((m) => ({ default: m.SignIn })));

/** Sign-in until a session exists; then the app, once the user's database is open. */
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
  } else if (status === 'signedOut') {
    content = (
      <Suspense fallback={<p className="splash">{t('app.loading')}</p>}>
        <SignIn />
      </Suspense>
    );
  } else {
    content = <AppShell />;
  }
  return (
    <div className="app">
      <UpdateBanner />
      {content}
    </div>
  );
}
