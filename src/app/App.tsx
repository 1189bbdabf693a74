import { SkipLink } from './components/SkipLink';
import { UpdateBanner } from './components/UpdateBanner';
import { useApp } from './hooks/useApp';
import { useModule } from './hooks/useModule';
import { useT } from './i18n/useT';
import { loadShell } from './state/prefetch';

// Signing in happens once, online; an agent then works signed in for weeks: off the start-up JavaScript.
const loadSignIn = () => import('./pages/SignIn');
// A locked app (a reload, an idle time) shows this page and nothing else: no data is rendered.
const loadUnlock = () => import('./pages/Unlock');
// The signed-in app (Dexie, the home page…) is `loadShell`: a new user's sign-in page does not wait for it
// (GUIDE §4, first load); scripts/bundle-budget.ts counts it as the field agent's start.

/**
 * Sign-in until a session exists, unlock while it is locked; then the app, once the user's database is open.
 * Each page shows as soon as its chunk is there (hooks/useModule.ts: no Suspense, so no throttled reveal).
 */
export function App() {
  const { t } = useT();
  const { status, connection } = useApp();
  const signedIn = status === 'signedIn';
  const page =
    status === 'loading' ? null : signedIn ? loadShell : status === 'locked' ? loadUnlock : loadSignIn;
  const signIn = useModule(page === loadSignIn ? loadSignIn : null);
  const unlock = useModule(page === loadUnlock ? loadUnlock : null);
  const shell = useModule(page === loadShell ? loadShell : null);
  let content;
  if (signedIn && connection && shell) content = <shell.AppShell />;
  else if (status === 'locked' && unlock) content = <unlock.Unlock />;
  else if (status === 'signedOut' && signIn) content = <signIn.SignIn />;
  else
    content = (
      <p className="splash" role="status">
        {t('app.loading')}
      </p>
    );
  return (
    <div className="app">
      <SkipLink />
      <UpdateBanner />
      {content}
    </div>
  );
}
