import { hasRole } from '../../core/records/user';
import { useOrganisationList } from '../hooks/useOrganisationList';
import { useSignedIn } from '../hooks/useSignedIn';
import type { MessageKey } from '../i18n/types';
import { useT } from '../i18n/useT';
import { hrefOf } from '../state/router';
import { editRoute } from '../components/edit/EditLinks';

/** `#/organisations`: the partners on this device, each with its IATI identifier and type. */
export function Organisations() {
  const { t } = useT();
  const { session } = useSignedIn();
  const organisations = useOrganisationList();
  const canEdit = hasRole(session.user.role, 'supervisor');
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
      {!organisations ? (
        <p>{t('app.loading')}</p>
      ) : organisations.length === 0 ? (
        <p className="empty">{t('edit.org.empty')}</p>
      ) : (
        <ul className="card-list">
          {organisations.map((o) => (
            <li className="card" key={o.id}>
              <div className="card-text">
                <span className="card-title">
                  {o.name}
                  {o.acronym ? ` (${o.acronym})` : ''}
                </span>
                <span className="card-meta">
                  {t(`org.type.${o.type}` as MessageKey)} · {o.iatiId ?? t('edit.org.noIatiId')}
                </span>
              </div>
              {canEdit ? (
                <a
                  className="button-link"
                  href={hrefOf(editRoute('organisations', o.id))}
                  aria-label={t('edit.org.editNamed', { name: o.name })}
                >
                  {t('edit.edit')}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
