import { useState } from 'react';
import type { Role } from '../../../core/records/user';
import type { ManagedUser } from '../../../core/sync/userAdmin';
import type { UserOperation } from '../../api/userAdmin';
import { useT } from '../../i18n/useT';
import { ConfirmPanel } from '../ConfirmPanel';

interface Props {
  user: ManagedUser;
  roles: readonly Role[];
  projects: readonly { id: string; label: string }[];
  onOperate: (operation: UserOperation) => Promise<void>;
}

/** What the viewer may change of one account: role, projects, password reset, disable or enable. */
export function UserManage({ user, roles, projects, onOperate }: Props) {
  const { t } = useT();
  const [role, setRole] = useState<Role>(user.role);
  const [projectIds, setProjectIds] = useState<string[]>(user.projectIds);
  const [confirming, setConfirming] = useState<'password' | 'disable' | null>(null);
  const name = user.displayName;

  const saveProjects = () => {
    const join = projectIds.filter((p) => !user.projectIds.includes(p));
    const leave = user.projectIds.filter((p) => !projectIds.includes(p) && projects.some((o) => o.id === p));
    return onOperate({ op: 'projects', change: { join, leave } });
  };

  return (
    <details className="user-manage">
      <summary>{t('users.manage', { name })}</summary>
      <div className="admin-form">
        <label>
          {t('users.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {(roles.includes(user.role) ? roles : [user.role, ...roles]).map((r) => (
              <option key={r} value={r}>
                {t(`users.role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={role === user.role}
          onClick={() => void onOperate({ op: 'role', role })}
        >
          {t('users.changeRole')}
        </button>
        <fieldset>
          <legend>{t('users.projects')}</legend>
          {projects.map((p) => (
            <label key={p.id} className="choice">
              <input
                type="checkbox"
                checked={projectIds.includes(p.id)}
                onChange={(e) =>
                  setProjectIds((ids) => (e.target.checked ? [...ids, p.id] : ids.filter((i) => i !== p.id)))
                }
              />
              {p.label}
            </label>
          ))}
        </fieldset>
        <button type="button" onClick={() => void saveProjects()}>
          {t('users.saveProjects')}
        </button>
        <div className="card-actions">
          <button type="button" onClick={() => setConfirming('password')}>
            {t('users.resetPassword')}
          </button>
          {user.disabled ? (
            <button type="button" onClick={() => void onOperate({ op: 'enable' })}>
              {t('users.enable')}
            </button>
          ) : (
            <button type="button" className="button-danger" onClick={() => setConfirming('disable')}>
              {t('users.disable')}
            </button>
          )}
        </div>
        {confirming ? (
          <ConfirmPanel
            question={t(confirming === 'password' ? 'users.resetQuestion' : 'users.disableQuestion', {
              name,
            })}
            confirmLabel={t(confirming === 'password' ? 'users.resetPassword' : 'users.disable')}
            onCancel={() => setConfirming(null)}
            onConfirm={() => {
              setConfirming(null);
              void onOperate({ op: confirming });
            }}
          />
        ) : null}
      </div>
    </details>
  );
}
