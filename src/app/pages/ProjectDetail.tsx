import { lazy, Suspense } from 'react';
import { pickText } from '../../core/i18n/localized';
import { DetailAbsent } from '../components/DetailAbsent';
import { ProjectDataLinks } from '../components/dataTable/ProjectDataLinks';
import { LatestBadge, LatestValue } from '../components/LatestIndicatorValue';
import { ProjectLinks } from '../components/edit/EditLinks';
import { ProjectFunding } from '../components/ProjectFunding';
import { ProjectSubmissions } from '../components/ProjectSubmissions';
import { useProjectDetail } from '../hooks/useProjectDetail';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/coordinationStrings';
import '../i18n/dataMapStrings';
import { locationText } from '../i18n/regionNames';
import { sectorName } from '../i18n/sectorLabels';
import '../styles/coordination.css';
import { day } from '../i18n/format';
import { useT } from '../i18n/useT';
import { hrefOf } from '../state/router';

// The documents section (its strings, the file hashing) loads after the page's first paint.
const ProjectDocuments = lazy(() =>
  import('../components/ProjectDocuments').then((m) => ({ default: m.ProjectDocuments })),
);

// The places' map (MapLibre) loads only when the project has points to show.
const PlacesMap = lazy(() => import('../maps/SubmissionsMap').then((m) => ({ default: m.PlacesMap })));

/**
 * `#/projects/:id`: a project's data, its funding (committed, disbursed, spent), its indicators with their
 * latest value and its verification, its documents (components/ProjectDocuments.tsx, loaded lazily), its
 * submissions, and its places with a point on a map (loaded lazily, only then) and as "lat, lon" text.
 */
export function ProjectDetail({ id }: { id: string }) {
  const { t, lang } = useT();
  const data = useProjectDetail(id);
  if (!data) return <DetailAbsent loading={data === undefined} notFound="proj.notFound" />;
  const { project, organisations, indicators, submissionCount, recent } = data;
  const none = t('proj.none');
  const shown = (date: string | null) => (date ? day(date, lang) : none);
  const orgName = (orgId: string) => organisations.get(orgId)?.name ?? orgId;
  const points = project.locations.flatMap((l) => (l.point ? [{ name: l.name, ...l.point }] : []));
  return (
    <main id="main" className="page">
      <p>
        <a href={hrefOf({ name: 'projects' })}>{t('proj.back')}</a>
      </p>
      <h1>{pickText(project.title, lang)}</h1>
      <p className="lead">
        {t('proj.code', { code: project.code })} · {t(`proj.status.${project.status}`)}
      </p>
      <ProjectLinks id={project.id} />
      <p>
        <a href={`#/maps/packs/${encodeURIComponent(project.id)}`}>{t('proj.offlineMaps')}</a>
      </p>
      {project.description ? <p>{pickText(project.description, lang)}</p> : null}

      <section aria-labelledby="proj-orgs">
        <h2 id="proj-orgs">{t('proj.organisations')}</h2>
        <ul>
          {project.organisationId ? (
            <li>
              {orgName(project.organisationId)} — {t('proj.reporting')}
            </li>
          ) : null}
          {project.participatingOrgs.map((o) => (
            <li key={`${o.organisationId}-${o.role}`}>
              {orgName(o.organisationId)} — {t(`proj.role.${o.role}`)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="proj-dates">
        <h2 id="proj-dates">{t('proj.dates')}</h2>
        <p>
          {t('proj.planned', {
            start: shown(project.plannedStart),
            end: shown(project.plannedEnd),
          })}
          <br />
          {t('proj.actual', { start: shown(project.actualStart), end: shown(project.actualEnd) })}
        </p>
      </section>

      <section aria-labelledby="proj-sectors">
        <h2 id="proj-sectors">{t('proj.sectors')}</h2>
        <ul>
          {project.sectors.map((s) => (
            <li key={s.code}>
              {sectorName(s.code, lang)} ({s.percentage} %)
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="proj-budgets">
        <h2 id="proj-budgets">{t('proj.budgets')}</h2>
        <ul>
          {project.budgets.map((b, i) => (
            <li key={i}>
              {shown(b.periodStart)} – {shown(b.periodEnd)} : {b.value.toLocaleString(lang)} {b.currency} (
              {t(`proj.budget.${b.type}`)})
            </li>
          ))}
        </ul>
      </section>

      <ProjectFunding projectId={project.id} />

      <section aria-labelledby="proj-locations">
        <h2 id="proj-locations">{t('proj.locations')}</h2>
        <ul>
          {project.locations.map((l, i) => (
            <li key={i}>{locationText(l, lang)}</li>
          ))}
        </ul>
        <h3>{t('proj.points')}</h3>
        {points.length === 0 ? (
          <p>{t('proj.noPoints')}</p>
        ) : (
          <>
            <Suspense fallback={null}>
              <PlacesMap label={t('dmap.places')} points={points} />
            </Suspense>
            <ul className="points">
              {points.map((p, i) => (
                <li key={i}>
                  {p.name} : {p.lat}, {p.lon}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="proj-indicators">
        <h2 id="proj-indicators">{t('proj.indicators')}</h2>
        {indicators.length === 0 ? (
          <p>{t('proj.noIndicators')}</p>
        ) : (
          <ul className="card-list">
            {indicators.map(({ indicator, latest }) => (
              <li className="card" key={indicator.id}>
                <div className="card-text">
                  <a className="card-title" href={hrefOf({ name: 'indicator', id: indicator.id })}>
                    {indicator.code} — {pickText(indicator.title, lang)}
                  </a>
                  <LatestValue indicator={indicator} latest={latest} />
                </div>
                <LatestBadge latest={latest} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <Suspense fallback={null}>
        <ProjectDocuments projectId={project.id} documents={project.documents} />
      </Suspense>

      <section aria-labelledby="proj-submissions">
        <h2 id="proj-submissions">{t('proj.submissions', { count: submissionCount })}</h2>
        {recent.length > 0 ? <ProjectSubmissions rows={recent} /> : null}
        <a href={hrefOf({ name: 'submissions' })}>{t('proj.seeSubmissions')}</a>
      </section>

      <ProjectDataLinks projectId={project.id} />
    </main>
  );
}
