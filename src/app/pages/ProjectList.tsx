import { useState } from 'react';
import { pickText } from '../../core/i18n/localized';
import { PROJECT_STATUSES, type ProjectStatus } from '../../core/records/iatiCodes';
import { ProjectListLinks } from '../components/edit/EditLinks';
import { organisationLabel } from '../components/organisationLabel';
import { useProjectList } from '../hooks/useProjectList';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/coordinationStrings';
import { regionName } from '../i18n/regionNames';
import { sectorName } from '../i18n/sectorLabels';
import '../styles/coordination.css';
import { useT } from '../i18n/useT';
import type { ProjectFilter } from '../repositories/projectFilter';
import { hrefOf } from '../state/router';
import { byLabel, FacetSelect } from '../components/FacetSelect';

/** `#/projects`: the projects on this device, narrowed by sector, region, organisation, status and text. */
export function ProjectList() {
  const { t, lang } = useT();
  const [filter, setFilter] = useState<ProjectFilter>({});
  const data = useProjectList(filter);
  const set = (patch: ProjectFilter) => setFilter((f) => ({ ...f, ...patch }));
  const orgName = (id: string) => organisationLabel(data?.organisations.get(id), id);
  return (
    <main id="main" className="page">
      <h1>{t('proj.title')}</h1>
      <ProjectListLinks />
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('proj.search')}
          <input type="search" value={filter.text ?? ''} onChange={(e) => set({ text: e.target.value })} />
        </label>
        <FacetSelect
          label={t('proj.sector')}
          any={t('proj.any')}
          value={filter.sector ?? ''}
          options={(data?.facets.sectors ?? []).map((code) => [code, sectorName(code, lang)])}
          onChange={(sector) => set({ sector })}
        />
        <FacetSelect
          label={t('proj.region')}
          any={t('proj.any')}
          value={filter.region ?? ''}
          options={byLabel((data?.facets.regions ?? []).map((code) => [code, regionName(code, lang)]))}
          onChange={(region) => set({ region })}
        />
        <FacetSelect
          label={t('proj.organisation')}
          any={t('proj.any')}
          value={filter.organisationId ?? ''}
          options={byLabel((data?.facets.organisationIds ?? []).map((id) => [id, orgName(id)]))}
          onChange={(organisationId) => set({ organisationId })}
        />
        <FacetSelect
          label={t('proj.status')}
          any={t('proj.any')}
          value={filter.status ?? ''}
          options={PROJECT_STATUSES.map((s) => [s, t(`proj.status.${s}`)])}
          onChange={(status) => set({ status: status as ProjectStatus | '' })}
        />
      </form>
      {!data ? (
        <p>{t('app.loading')}</p>
      ) : data.projects.length === 0 ? (
        <p className="empty">{t('proj.empty')}</p>
      ) : (
        <>
          <p className="lead" role="status">
            {t('proj.count', { count: data.projects.length })}
          </p>
          <ul className="card-list">
            {data.projects.map((p) => (
              <li className="card" key={p.id}>
                <div className="card-text">
                  <a className="card-title" href={hrefOf({ name: 'project', id: p.id })}>
                    {pickText(p.title, lang)}
                  </a>
                  <span className="card-meta">
                    {p.code}
                    {p.organisationId ? ` · ${orgName(p.organisationId)}` : ''}
                  </span>
                </div>
                <span className={`badge badge-project-${p.status}`}>{t(`proj.status.${p.status}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
