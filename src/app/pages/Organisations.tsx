import { hasRole } from '../../core/records/user';
import { useLiveProjects } from '../hooks/useLiveProjects';
import { useOrganisationList } from '../hooks/useOrganisationList';
import { organisationRights } from '../repositories/organisationEdits';
import { useSignedIn } from '../hooks/useSignedIn';
import type { MessageKey } from '../i18n/types';
import { useT } from '../i18n/useT';
import { hrefOf } from '../state/router';
import { editRoute } from '../components/edit/EditLinks';

/**
 * `#/organisations`: the partners on this device, each with its IATI identifier and type, and how many of
 * the device's projects name it. Edit is offered as organisationRights says (what the device can tell of the
 * server's rule); deleting is on the edit page.
 */
export function Organisations() {
  const { t } = useT();
  const { session } = useSignedIn();
  const organisations = useOrganisationList();
  const projects = useLiveProjects();
  const role = session.user.role;
  const canEdit = hasRole(role, 'supervisor');
  return (
    <main id="main" className="page">
      <p>
        <a href={hrefOf({ name: 'projects' })}>{t('proj.back')}</a>
      </p>
      <h1>{t('edit.org.title')}</h1>
      {canEdit ? (
        <p className="edit-links">
          <a className="button-link" href={hrefOf(editRoute('organisations', 'new'))}>
            {t('edit.org.new')}
          </a>
        </p>
      ) : null}
      {!organisations || !projects ? (
        <p>{t('app.loading')}</p>
      ) : organisations.length === 0 ? (
        <p className="empty">{t('edit.org.empty')}</p>
      ) : (
        <ul className="card-list">
          {organisations.map((o) => {
            const rights = organisationRights(role, o.id, projects);
            return (
              <li className="card" key={o.id}>
                <div className="card-text">
                  <span className="card-title">
                    {o.name}
                    {o.acronym && !o.name.includes(`(${o.acronym})`) ? ` (${o.acronym})` : ''}
                  </span>
                  <span className="card-meta">
                    {t(`org.type.${o.type}` as MessageKey)} · {o.iatiId ?? t('edit.org.noIatiId')}
                    {rights.usedBy.length > 0
                      ? ` · ${t('edit.org.usedBy', { count: rights.usedBy.length })}`
                      : ''}
                  </span>
                </div>
                {rights.edit ? (
                  <a
                    className="button-link"
                    href={hrefOf(editRoute('organisations', o.id))}
                    aria-label={t('edit.org.editNamed', { name: o.name })}
                  >
                    {t('edit.edit')}
                  </a>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
