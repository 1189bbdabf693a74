import { useEffect, useMemo, useState } from 'react';
import type {
  PublicAmount,
  PublicContact,
  PublicFlows,
  PublicProject,
} from '../../core/public/publicProject';
import { publicDocumentPath } from '../../core/export/iatiDocuments';
import { pickText } from '../../core/i18n/pickText';
import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { LanguageSwitch } from '../components/LanguageSwitch';
import '../i18n/coordinationStrings';
import { day } from '../i18n/day';
import '../i18n/publicStrings';
import { regionName, locationText } from '../i18n/regionNames';
import { sectorName } from '../i18n/sectorLabels';
import type { MessageKey } from '../i18n/types';
import { useT } from '../i18n/useT';
import { fetchPublicProjects } from './publicApi';
import { PublicMap } from './PublicMap';
import './public.css';

type Loaded = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; projects: PublicProject[] };

/** `#/projects/<id>` is a project's page; anything else the map and the list. */
function projectOfHash(hash: string): string | null {
  const match = /^#\/projects\/([^/]+)$/.exec(hash);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const changed = () => setHash(window.location.hash);
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

/**
 * The public map of aid (`/public/`, no sign-in; issue 15): what admins marked public, read from
 * `/public/api/projects`. Filters by sector, organisation, region and status; a page per project.
 */
export function PublicSite() {
  const { t, lang } = useT();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const hash = useHash();
  const open = projectOfHash(hash);

  useEffect(() => {
    fetchPublicProjects().then(
      (projects) => setLoaded({ state: 'ready', projects }),
      () => setLoaded({ state: 'failed' }),
    );
  }, []);

  useEffect(() => {
    document.title = `${t('public.title')} — Terrain`;
  }, [t]);

  const project = loaded.state === 'ready' && open ? loaded.projects.find((p) => p.id === open) : undefined;
  return (
    <div className="public-site">
      <header className="public-header">
        <p className="public-brand">Terrain</p>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        {loaded.state === 'loading' ? <p role="status">{t('public.loading')}</p> : null}
        {loaded.state === 'failed' ? <p role="alert">{t('public.failed')}</p> : null}
        {loaded.state === 'ready' && open !== null ? (
          project ? (
            <ProjectPage project={project} lang={lang} />
          ) : (
            <>
              <h1>{t('public.title')}</h1>
              <p role="alert">{t('public.notFound')}</p>
              <a href="#/">{t('public.back')}</a>
            </>
          )
        ) : null}
        {loaded.state === 'ready' && open === null ? (
          <Overview projects={loaded.projects} lang={lang} />
        ) : null}
      </main>
      <footer className="public-footer">
        <a href={`/public/iati/activities.xml`}>{t('public.iati')}</a>
        <a href="/public/iati/organisations.xml">{t('public.iatiOrganisations')}</a>
        <a href={`/public/feed.xml${lang === 'fr' ? '' : `?lang=${lang}`}`}>{t('public.feed')}</a>
        <a href="/">{t('public.signIn')}</a>
      </footer>
    </div>
  );
}

interface Filters {
  sector: string;
  organisation: string;
  region: string;
  status: string;
}
const NO_FILTER: Filters = { sector: '', organisation: '', region: '', status: '' };

function matches(p: PublicProject, f: Filters): boolean {
  return (
    (!f.sector || p.sectors.some((s) => s.code === f.sector)) &&
    (!f.organisation || p.organisations.some((o) => o.name === f.organisation)) &&
    (!f.region || p.locations.some((l) => l.adm1 === f.region)) &&
    (!f.status || p.status === f.status)
  );
}

const uniqueSorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));

function Overview({ projects, lang }: { projects: PublicProject[]; lang: UiLanguage }) {
  const { t } = useT();
  const [filters, setFilters] = useState<Filters>(NO_FILTER);
  const shown = useMemo(() => projects.filter((p) => matches(p, filters)), [projects, filters]);
  const options = {
    sector: uniqueSorted(projects.flatMap((p) => p.sectors.map((s) => s.code))).map((c) => [
      c,
      sectorName(c, lang),
    ]),
    organisation: uniqueSorted(projects.flatMap((p) => p.organisations.map((o) => o.name))).map((n) => [
      n,
      n,
    ]),
    region: uniqueSorted(projects.flatMap((p) => p.locations.flatMap((l) => (l.adm1 ? [l.adm1] : [])))).map(
      (c) => [c, regionName(c, lang)],
    ),
    status: uniqueSorted(projects.map((p) => p.status)).map((s) => [s, t(`proj.status.${s}` as MessageKey)]),
  } satisfies Record<keyof Filters, string[][]>;
  return (
    <>
      <h1>{t('public.title')}</h1>
      <p>{t('public.intro')}</p>
      <PublicMap
        projects={shown}
        onOpen={(id) => (window.location.hash = `#/projects/${encodeURIComponent(id)}`)}
      />
      <fieldset className="public-filters">
        <legend>{t('public.filters')}</legend>
        {(Object.keys(options) as (keyof Filters)[]).map((key) => (
          <label key={key}>
            {t(`public.${key}`)}
            <select value={filters[key]} onChange={(e) => setFilters({ ...filters, [key]: e.target.value })}>
              <option value="">{t('public.all')}</option>
              {options[key].map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <p role="status">{t('public.count', { count: shown.length })}</p>
      {shown.length === 0 ? <p>{t('public.none')}</p> : null}
      <ul className="public-list">
        {shown.map((p) => (
          <li key={p.id}>
            <h2>
              <a href={`#/projects/${encodeURIComponent(p.id)}`}>{pickText(p.title, lang)}</a>
            </h2>
            <p>
              {[
                t(`proj.status.${p.status}` as MessageKey),
                p.organisations.map((o) => o.acronym || o.name).join(', '),
                uniqueSorted(p.locations.map((l) => (l.adm1 ? regionName(l.adm1, lang) : l.name))).join(', '),
              ]
                .filter((part) => part !== '')
                .join(' · ')}
            </p>
            <p>{money(p.budgetTotals, lang)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

function money(totals: Record<string, number>, lang: UiLanguage): string {
  return Object.entries(totals)
    .map(([currency, value]) =>
      new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
        style: 'currency',
        currency,
        maximumFractionDigits: 0,
      }).format(value),
    )
    .join(' + ');
}

/** Committed and disbursed in XOF and USD, summed by the server (docs/aid-flows.md, "Public site"). */
function Flows({ flows, lang }: { flows: PublicFlows; lang: UiLanguage }) {
  const { t } = useT();
  const amount = (a: PublicAmount) =>
    a.xof === null
      ? t('public.flows.unknown')
      : a.usd === null
        ? money({ XOF: a.xof }, lang)
        : `${money({ XOF: a.xof }, lang)} (${money({ USD: a.usd }, lang)})`;
  return (
    <>
      <h2>{t('public.flows')}</h2>
      <dl className="public-flows">
        <dt>{t('public.flows.committed')}</dt>
        <dd>{amount(flows.committed)}</dd>
        <dt>{t('public.flows.disbursed')}</dt>
        <dd>{amount(flows.disbursed)}</dd>
      </dl>
    </>
  );
}

/** How to reach the reporting organisation (its public contact, as the IATI file gives it). */
function Contact({ contact }: { contact: PublicContact }) {
  const { t } = useT();
  return (
    <>
      <h2>{t('public.contact')}</h2>
      <ul>
        {contact.email ? (
          <li>
            {t('public.contact.email')} <a href={`mailto:${contact.email}`}>{contact.email}</a>
          </li>
        ) : null}
        {contact.website ? (
          <li>
            {t('public.contact.website')}{' '}
            <a href={contact.website} rel="noopener noreferrer">
              {contact.website}
            </a>
          </li>
        ) : null}
      </ul>
    </>
  );
}

function ProjectPage({ project, lang }: { project: PublicProject; lang: UiLanguage }) {
  const { t } = useT();
  const description = pickText(project.description, lang);
  const when = (a: string | null, b: string | null) => ({
    start: a ? day(a, lang) : '…',
    end: b ? day(b, lang) : '…',
  });
  return (
    <article className="public-project">
      <a href="#/">{t('public.back')}</a>
      <h1>{pickText(project.title, lang)}</h1>
      <p>
        {project.code} · {t(`proj.status.${project.status}` as MessageKey)}
      </p>
      {description ? <p>{description}</p> : null}
      <PublicMap projects={[project]} onOpen={() => undefined} />
      <h2>{t('public.organisations')}</h2>
      <ul>
        {project.organisations.map((o, i) => (
          <li key={`${o.name}-${i}`}>
            {o.name}
            {o.acronym ? ` (${o.acronym})` : ''} —{' '}
            {o.role === 'reporting' ? t('public.reporting') : t(`proj.role.${o.role}` as MessageKey)}
          </li>
        ))}
      </ul>
      {project.contact ? <Contact contact={project.contact} /> : null}
      <h2>{t('public.dates')}</h2>
      <p>{t('public.planned', when(project.plannedStart, project.plannedEnd))}</p>
      {project.actualStart ? <p>{t('public.actual', when(project.actualStart, project.actualEnd))}</p> : null}
      <h2>{t('public.budget')}</h2>
      <p>{money(project.budgetTotals, lang) || '—'}</p>
      {project.flows ? <Flows flows={project.flows} lang={lang} /> : null}
      <h2>{t('public.sectors')}</h2>
      <ul>
        {project.sectors.map((s) => (
          <li key={s.code}>
            {sectorName(s.code, lang)} ({s.percentage} %)
          </li>
        ))}
      </ul>
      <h2>{t('public.places')}</h2>
      <ul>
        {project.locations.map((l, i) => (
          <li key={`${l.name}-${i}`}>{locationText(l, lang)}</li>
        ))}
      </ul>
      {project.documents.length > 0 ? (
        <>
          <h2>{t('public.documents')}</h2>
          <ul>
            {project.documents.map((d) => (
              <li key={d.sha256}>
                <a href={publicDocumentPath(project.id, d.sha256)}>{d.title}</a>
                {d.date ? ` (${day(d.date, lang)})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('public.results')}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('public.results')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('public.indicator')}</th>
              <th scope="col">{t('public.value')}</th>
              <th scope="col">{t('public.target')}</th>
              <th scope="col">{t('public.period')}</th>
            </tr>
          </thead>
          <tbody>
            {project.indicators.map((i) => (
              <tr key={i.code}>
                <th scope="row">
                  {i.code} {pickText(i.title, lang)}
                </th>
                <td>{i.latest ? `${i.latest.value} ${i.unit}` : t('public.noValue')}</td>
                <td>{i.target === null ? '—' : `${i.target} ${i.unit}`}</td>
                <td>
                  {i.latest ? `${day(i.latest.periodStart, lang)} – ${day(i.latest.periodEnd, lang)}` : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
