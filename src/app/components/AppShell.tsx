import { useSignedIn } from '../hooks/useSignedIn';
import { useRoute } from '../hooks/useRoute';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useT } from '../i18n/useT';
import { Home } from '../pages/Home';
import { NewDraft } from '../pages/NewDraft';
import { NotFound } from '../pages/NotFound';
import { hrefOf, type Route } from '../state/router';
import { focusMain } from './focusMain';
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
// Supervisors only: its own chunk.
const Conflicts = lazy(() => import('../pages/Conflicts').then((m) => ({ default: m.Conflicts })));
const ExportUnsynced = lazy(() =>
  import('../pages/ExportUnsynced').then((m) => ({ default: m.ExportUnsynced })),
);
// Focal points and up: the report page, its strings and print stylesheet.
const Report = lazy(() => import('../pages/Report').then((m) => ({ default: m.Report })));
const ImportFile = lazy(() => import('../pages/ImportFile').then((m) => ({ default: m.ImportFile })));
// Coordination pages (projects, indicators, review queue): chunks of their own, off the field agent's start.
const ProjectList = lazy(() => import('../pages/ProjectList').then((m) => ({ default: m.ProjectList })));
const ProjectDetail = lazy(() =>
  import('../pages/ProjectDetail').then((m) => ({ default: m.ProjectDetail })),
);
const IndicatorDetail = lazy(() =>
  import('../pages/IndicatorDetail').then((m) => ({ default: m.IndicatorDetail })),
);
// Supervisors and admins: the edit pages of organisations, projects and indicators.
const Editor = lazy(() => import('../pages/Editor').then((m) => ({ default: m.Editor })));
const ReviewQueue = lazy(() => import('../pages/ReviewQueue').then((m) => ({ default: m.ReviewQueue })));

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
    case 'conflicts':
      return <Conflicts />;
    case 'export':
      return <ExportUnsynced />;
    case 'import':
      return <ImportFile />;
    case 'projects':
      return <ProjectList />;
    case 'project':
      return <ProjectDetail key={route.id} id={route.id} />;
    case 'indicator':
      return <IndicatorDetail key={route.id} id={route.id} />;
    case 'reviewQueue':
      return <ReviewQueue />;
    case 'reports':
      return <Report />;
    case 'edit':
      return <Editor key={route.hash} hash={route.hash} />;
    case 'notFound':
      return <NotFound />;
  }
}

/** The signed-in app: header, sync bar and the page of the current route. */
export function AppShell() {
  const { session, engine } = useSignedIn();
  const route = useRoute();
  const { t } = useT();
  // After a navigation (not at start), the focus goes to the new page's heading, once it is there.
  const shown = useRef(route);
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
