import { hasRole } from '../../core/records/user';
import { DraftList } from '../components/DraftList';
import { ProjectForms } from '../components/ProjectForms';
import { useDrafts } from '../hooks/useDrafts';
import { useLatestForms } from '../hooks/useLatestForms';
import { useProjects } from '../hooks/useProjects';
import { useSignedIn } from '../hooks/useSignedIn';
import { useT } from '../i18n/useT';
import { lazy, Suspense } from 'react';

// Not needed to open the app or fill a form: after the first screen, off the start-up JavaScript.
const StorageUsage = lazy(() =>
  import('../components/StorageUsage').then((m) => ({ default: m.StorageUsage })),
);

export function Home() {
  const { t } = useT();
  const { session } = useSignedIn();
  const projects = useProjects();
  const forms = useLatestForms();
  const drafts = useDrafts();
  const loading = !projects || !forms || !drafts;
  return (
    <main id="main" className="page">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.greeting', { name: session.user.displayName })}</p>
      {loading ? (
        <p>{t('app.loading')}</p>
      ) : (
        <>
          <section aria-labelledby="home-projects">
            <h2 id="home-projects">{t('home.projects')}</h2>
            <ProjectForms projects={projects} forms={forms} />
          </section>
          <section aria-labelledby="home-drafts">
            <h2 id="home-drafts">{t('home.drafts')}</h2>
            <DraftList drafts={drafts} forms={forms} projects={projects} />
          </section>
        </>
      )}
      <Suspense fallback={null}>
        <StorageUsage />
      </Suspense>
      {/* Projects, review, reports…: in the header (navLinks.ts). These two are about this device's data. */}
      <p>
        <a href="#/export">{t('sync.export')}</a>
        {hasRole(session.user.role, 'supervisor') ? (
          <>
            {' · '}
            <a href="#/import">{t('sync.importLink')}</a>
          </>
        ) : null}
      </p>
    </main>
  );
}
