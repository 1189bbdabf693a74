import { hasRole } from '../../core/records/user';
import { DraftList } from '../components/DraftList';
import { ProjectForms } from '../components/ProjectForms';
import { StorageUsage } from '../components/StorageUsage';
import { useDrafts } from '../hooks/useDrafts';
import { useLatestForms } from '../hooks/useLatestForms';
import { useProjects } from '../hooks/useProjects';
import { useSignedIn } from '../hooks/useSignedIn';
import { useT } from '../i18n/useT';

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
            <DraftList drafts={drafts} forms={forms} />
          </section>
        </>
      )}
      <StorageUsage />
      <p>
        <a href="#/projects">{t('nav.projects')}</a>
        {hasRole(session.user.role, 'focal_point') ? (
          <>
            {' · '}
            <a href="#/review">{t('nav.reviewQueue')}</a>
          </>
        ) : null}
        {' · '}
        <a href="#/export">{t('sync.export')}</a>
        {hasRole(session.user.role, 'focal_point') ? (
          <>
            {' · '}
            <a href="#/reports">{t('home.reports')}</a>
          </>
        ) : null}
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
