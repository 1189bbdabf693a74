import { useSignedIn } from '../hooks/useSignedIn';
import { useRoute } from '../hooks/useRoute';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useT } from '../i18n/useT';
import { Home } from '../pages/Home';
import { NewDraft } from '../pages/NewDraft';
import { NotFound } from '../pages/NotFound';
import { hrefOf, type Route } from '../state/router';
import { focusMain } from './focusMain';
import { registerServiceWorker } from '../pwa/update';
import { Header } from './Header';
import { SyncBar } from './SyncBar';

// Loaded when first used (and precached by the service worker, so offline too): the form engine
// (react-hook-form, resolvers, question inputs) and the lists stay off the start path.
const FillForm = lazy(() => import('../pages/FillForm').then((m) => ({ default: m.FillForm })));
const Submissions = lazy(() => import('../pages/Submissions').then((m) => ({ default: m.Submissions })));
const SubmissionDetail = lazy(() =>
  import('../pages/SubmissionDetail').then((m) => ({ default: m.SubmissionDetail })),
);
const Attention = lazy(() => import('../pages/Attention').then((m) => ({ default: m.Attention })));
const ExportUnsynced = lazy(() =>
  import('../pages/ExportUnsynced').then((m) => ({ default: m.ExportUnsynced })),
);
const ImportFile = lazy(() => import('../pages/ImportFile').then((m) => ({ default: m.ImportFile })));
// Pages of the people at base (src/app/components/BaseRoutes.tsx): their route table is a chunk of its own.
const BasePage = lazy(() => import('./BaseRoutes').then((m) => ({ default: m.BasePage })));

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <Home />;
    case 'newDraft':
      return <NewDraft key={hrefOf(route)} {...route} />;
    case 'draft':
      return <FillForm key={route.id} draftId={route.id} />;
    case 'submissions':
      return <Submissions />;
    case 'submission':
      return <SubmissionDetail key={route.id} id={route.id} />;
    case 'attention':
      return <Attention />;
    case 'export':
      return <ExportUnsynced />;
    case 'import':
      return <ImportFile />;
    case 'notFound':
      return <NotFound />;
    // Every other route is a BaseRoute (checked: `route` is narrowed to them here): one default rather
    // than a case per page keeps the start chunk from growing with each page of the people at base.
    default:
      return <BasePage route={route} />;
  }
}

/** The signed-in app: header, sync bar and the page of the current route. */
export function AppShell() {
  const { session, engine } = useSignedIn();
  const route = useRoute();
  const { t } = useT();
  // After a navigation (not at start), the focus goes to the new page's heading, once it is there.
  const shown = useRef(route);
  // The first screen is up: the service worker may now fill its precache (pwa/update.ts).
  useEffect(() => void registerServiceWorker(), []);
  useEffect(() => {
    if (shown.current === route) return;
    shown.current = route;
    return focusMain(document.getElementById('root') ?? undefined);
  }, [route]);
  return (
    <>
      <Header hash={window.location.hash} role={session.user.role} userName={session.user.displayName} />
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
