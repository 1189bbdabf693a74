import { lazy } from 'react';
import { hasRole } from '../../core/records/user';
import { pickText } from '../../core/i18n/localized';
import { DetailAbsent } from '../components/DetailAbsent';
import { IndicatorForm } from '../components/edit/IndicatorForm';
import { OrganisationDelete } from '../components/edit/OrganisationDelete';
import { OrganisationForm } from '../components/edit/OrganisationForm';
import { ProjectForm } from '../components/edit/ProjectForm';
import { useIndicatorEdit } from '../hooks/useIndicatorEdit';
import { useOrganisationList } from '../hooks/useOrganisationList';
import { useProjectEdit } from '../hooks/useProjectEdit';
import { useSignedIn } from '../hooks/useSignedIn';
// Registers the strings of these pages (they load with them, not at start).
import '../i18n/coordinationStrings';
import '../i18n/editStrings';
import '../styles/coordination.css';
import { useT } from '../i18n/useT';
import { hrefOf, navigate, type Route } from '../state/router';
import { editParts, editRoute } from '../components/edit/EditLinks';
import { NotFound } from './NotFound';
import { Organisations } from './Organisations';

// Aid flows (docs/aid-flows.md): their pages, strings and the totals load only when opened.
const FinancesPage = lazy(() => import('./flowPages').then((m) => ({ default: m.FinancesPage })));
const RatesPage = lazy(() => import('./flowPages').then((m) => ({ default: m.RatesPage })));

/** The page of a form: where it came from, its title, the form. */
function EditPage(props: { back: Route; backLabel: string; title: string; children: React.ReactNode }) {
  return (
    <main id="main" className="page">
      <p>
        <a href={hrefOf(props.back)}>{props.backLabel}</a>
      </p>
      <h1>{props.title}</h1>
      {props.children}
    </main>
  );
}

function Forbidden() {
  const { t } = useT();
  return (
    <main id="main" className="page">
      <p className="alert alert-error" role="alert">
        {t('edit.forbidden')}
      </p>
    </main>
  );
}

function OrganisationEdit({ id }: { id: string | null }) {
  const { t } = useT();
  const organisations = useOrganisationList();
  if (!organisations) return <p>{t('app.loading')}</p>;
  const organisation = id === null ? undefined : organisations.find((o) => o.id === id);
  if (id !== null && !organisation) return <NotFound />;
  const back = editRoute('organisations');
  return (
    <EditPage back={back} backLabel={t('edit.org.back')} title={organisation?.name ?? t('edit.org.new')}>
      <OrganisationForm organisation={organisation} cancelHref={hrefOf(back)} onDone={() => navigate(back)} />
      {organisation ? (
        <OrganisationDelete organisation={organisation} onDeleted={() => navigate(back)} />
      ) : null}
    </EditPage>
  );
}

function ProjectEdit({ id }: { id: string | null }) {
  const { t, lang } = useT();
  const data = useProjectEdit(id);
  if (!data) return <DetailAbsent loading={data === undefined} notFound="proj.notFound" />;
  const { project, organisations } = data;
  const back: Route = project ? { name: 'project', id: project.id } : { name: 'projects' };
  return (
    <EditPage
      back={back}
      backLabel={project ? pickText(project.title, lang) : t('proj.back')}
      title={project ? t('edit.proj.editTitle') : t('edit.proj.new')}
    >
      <ProjectForm
        project={project}
        organisations={organisations}
        cancelHref={hrefOf(back)}
        onDone={(saved) => navigate({ name: 'project', id: saved.id })}
      />
    </EditPage>
  );
}

function IndicatorEdit({ target }: { target: { id: string } | { projectId: string } }) {
  const { t, lang } = useT();
  const data = useIndicatorEdit(target);
  if (!data) return <DetailAbsent loading={data === undefined} notFound="ind.notFound" />;
  const { indicator, project, forms } = data;
  const back: Route = indicator
    ? { name: 'indicator', id: indicator.id }
    : { name: 'project', id: project.id };
  return (
    <EditPage
      back={back}
      backLabel={
        indicator ? `${indicator.code} — ${pickText(indicator.title, lang)}` : pickText(project.title, lang)
      }
      title={indicator ? t('edit.ind.editTitle') : t('edit.ind.new')}
    >
      <IndicatorForm
        projectId={project.id}
        indicator={indicator}
        forms={forms}
        cancelHref={hrefOf(back)}
        onDone={(saved) => navigate({ name: 'indicator', id: saved.id })}
      />
    </EditPage>
  );
}

/**
 * The edit pages, by the route's hash after `#/edit/`: `organisations` (the list), `organisations/new`,
 * `organisations/:id`, `projects/new` (admins), `projects/:id`, `projects/:id/indicators/new`,
 * `indicators/:id`, `projects/:id/finances` and `rates` (aid flows). Supervisors and admins only, as the server's rights say (mergeTables.ts).
 */
export function Editor({ hash }: { hash: string }) {
  const { session } = useSignedIn();
  const role = session.user.role;
  const parts = editParts(hash) ?? [];
  const second = parts[1] ?? '';
  /** Whether the parts are `shape`, where null stands for an id. */
  const is = (...shape: (string | null)[]) =>
    parts.length === shape.length && shape.every((part, i) => part === null || part === parts[i]);
  if (is('organisations')) return <Organisations />;
  if (!hasRole(role, 'supervisor')) return <Forbidden />;
  if (is('organisations', 'new')) return <OrganisationEdit id={null} />;
  if (is('organisations', null)) return <OrganisationEdit id={second} />;
  if (is('projects', 'new')) return role === 'admin' ? <ProjectEdit id={null} /> : <Forbidden />;
  if (is('projects', null)) return <ProjectEdit id={second} />;
  if (is('projects', null, 'indicators', 'new')) return <IndicatorEdit target={{ projectId: second }} />;
  if (is('indicators', null)) return <IndicatorEdit target={{ id: second }} />;
  if (is('projects', null, 'finances')) return <FinancesPage projectId={second} />;
  if (is('rates')) return <RatesPage />;
  return <NotFound />;
}
