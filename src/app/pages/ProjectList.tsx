import { useState } from 'react';
import { pickText } from '../../core/i18n/localized';
import { PROJECT_STATUSES, type ProjectStatus } from '../../core/records/iatiCodes';
import { useProjectList } from '../hooks/useProjectList';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/coordinationStrings';
import '../styles/coordination.css';
import { useT } from '../i18n/useT';
import type { ProjectFilter } from '../repositories/projectFilter';
import { hrefOf } from '../state/router';

/** `#/projects`: the projects on this device, narrowed by sector, region, organisation, status and text. */
export function ProjectList() {
  const { t, lang } = useT();
  const [filter, setFilter] = useState<ProjectFilter>({});
  const data = useProjectList(filter);
  const set = (patch: ProjectFilter) => setFilter((f) => ({ ...f, ...patch }));
  const orgName = (id: string) => {
    const org = data?.organisations.get(id);
    return org ? org.acronym || org.name : id;
  };
  return (
    <main id="main" className="page">
      <h1>{t('proj.title')}</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('proj.search')}
          <input type="search" value={filter.text ?? ''} onChange={(e) => set({ text: e.target.value })} />
        </label>
        <label>
          {t('proj.sector')}
          <select value={filter.sector ?? ''} onChange={(e) => set({ sector: e.target.value })}>
            <option value="">{t('proj.any')}</option>
            {data?.facets.sectors.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('proj.region')}
          <select value={filter.region ?? ''} onChange={(e) => set({ region: e.target.value })}>
            <option value="">{t('proj.any')}</option>
            {data?.facets.regions.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('proj.organisation')}
          <select
            value={filter.organisationId ?? ''}
            onChange={(e) => set({ organisationId: e.target.value })}
          >
            <option value="">{t('proj.any')}</option>
            {data?.facets.organisationIds.map((id) => (
              <option key={id} value={id}>
                {orgName(id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('proj.status')}
          <select
            value={filter.status ?? ''}
            onChange={(e) => set({ status: e.target.value as ProjectStatus | '' })}
          >
            <option value="">{t('proj.any')}</option>
            {PROJECT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`proj.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
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
