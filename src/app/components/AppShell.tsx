import { useSignedIn } from '../hooks/useSignedIn';
import { useRoute } from '../hooks/useRoute';
import { lazy, Suspense } from 'react';
import { useT } from '../i18n/useT';
import { Home } from '../pages/Home';
import { NewDraft } from '../pages/NewDraft';
import { NotFound } from '../pages/NotFound';
import type { Route } from '../state/router';
import { Header } from './Header';
import { SyncBar } from './SyncBar';

// Loaded when first used (and precached by the service worker, so offline too): the form engine
// (react-hook-form, resolvers, question inputs) and the lists stay off the start path.
const FillForm = lazy(() => import('../pages/FillForm').then((m) => ({ default: m.FillForm })));
const Submissions = lazy(() => import('../pages/Submissions').then((m) => ({ default: m.Submissions })));
const Attention = lazy(() => import('../pages/Attention').then((m) => ({ default: m.Attention })));

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <Home />;
    case 'newDraft':
      return (
        <NewDraft key={`${route.formId}@${route.version}`} formId={route.formId} version={route.version} />
      );
    case 'draft':
      return <FillForm key={route.id} draftId={route.id} />;
    case 'submissions':
      return <Submissions />;
    case 'attention':
      return <Attention />;
    case 'notFound':
      return <NotFound />;
  }
}

/** The signed-in app: header, sync bar and the page of the current route. */
export function AppShell() {
  const { session, engine } = useSignedIn();
  const route = useRoute();
  const { t } = useT();
  return (
    <>
      <Header route={route} userName={session.user.displayName} />
      <SyncBar engine={engine} />
      <Suspense
        fallback={
          <p className="splash" role="status">
            {t('app.loading')}
          </p>
        }
      >
        <Page route={route} />
      </Suspense>
    </>
  );
}
