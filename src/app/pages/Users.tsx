import { useMemo, useState } from 'react';
import { pickText } from '../../core/i18n/localized';
import type { CreateUserRequest, ManagedDevice, ManagedUser } from '../../core/sync/userAdmin';
import type { UserOperation } from '../api/userAdmin';
import { DeviceTable, shortDevice } from '../components/users/DeviceTable';
import { NewUserForm } from '../components/users/NewUserForm';
import { SilentDevices } from '../components/users/SilentDevices';
import { UserManage } from '../components/users/UserManage';
import { useLiveProjects } from '../hooks/useLiveProjects';
import { useNow } from '../hooks/useNow';
import { useUserAdmin } from '../hooks/useUserAdmin';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/userAdminStrings';
import type { MessageKey, Vars } from '../i18n/types';
import { useT } from '../i18n/useT';
import '../styles/admin.css';

/**
 * `#/users` (supervisors and admins, loaded only when opened): accounts and devices as the server holds
 * them. It reads the server, so it needs the network and says so when offline; every right is the server's
 * (src/server/users/managerRights.ts): the page only shows what the server answered.
 */
export function Users() {
  const { t, lang } = useT();
  const { data, online, error, run } = useUserAdmin();
  const localProjects = useLiveProjects();
  const now = useNow(60_000);
  // The last result to tell (translated when shown, so it follows a change of language): a one-time
  // password is shown here once, until the next operation.
  const [notice, setNotice] = useState<{ key: MessageKey; vars: Vars } | null>(null);

  const projectLabel = useMemo(() => {
    const titles = new Map((localProjects ?? []).map((p) => [p.id, pickText(p.title, lang) || p.id]));
    return (id: string) => titles.get(id) ?? id;
  }, [localProjects, lang]);
  const projects = (data?.projectIds ?? []).map((id) => ({ id, label: projectLabel(id) }));
  const names = new Map((data?.users ?? []).map((u) => [u.id, u.displayName]));
  const nameOf = (userId: string) => names.get(userId) ?? userId;

  const create = async (request: CreateUserRequest) => {
    const answer = await run((api) => api.create(request));
    if (!answer) return false;
    setNotice(
      answer.password
        ? { key: 'users.oneTimePassword', vars: { username: request.username, password: answer.password } }
        : { key: 'users.created', vars: { username: request.username } },
    );
    return true;
  };
  const operate = async (user: ManagedUser, operation: UserOperation) => {
    const answer = await run((api) => api.operate(user.id, operation));
    if (!answer) return;
    setNotice(
      answer.password
        ? { key: 'users.oneTimePassword', vars: { username: user.username, password: answer.password } }
        : { key: 'users.done', vars: { name: user.displayName } },
    );
  };
  const revoke = async (device: ManagedDevice) => {
    if (await run((api) => api.revokeDevice(device.clientId)))
      setNotice({ key: 'users.revokedDone', vars: { device: shortDevice(device.clientId) } });
  };

  return (
    <main id="main" className="page">
      <h1>{t('users.title')}</h1>
      <p className="lead">{t('users.intro')}</p>
      {!online ? (
        <p className="alert alert-warning" role="status">
          {t('users.offline')}
        </p>
      ) : null}
      {error && online ? (
        <p className="alert alert-error" role="alert">
          {error.network
            ? t('users.offline')
            : error.reason
              ? t(`users.refused.${error.reason}`)
              : t('users.failed', { message: error.message })}
        </p>
      ) : null}
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(notice.key, notice.vars)}
        </p>
      ) : null}
      {!data ? (
        online && !error ? (
          <p>{t('users.loading')}</p>
        ) : null
      ) : (
        <>
          <section aria-labelledby="new-user-heading">
            <h2 id="new-user-heading">{t('users.new')}</h2>
            <NewUserForm roles={data.roles} projects={projects} onCreate={create} />
          </section>
          <section aria-labelledby="users-heading">
            <h2 id="users-heading">{t('users.list', { count: data.users.length })}</h2>
            <ul className="card-list">
              {data.users.map((u) => (
                <li key={u.id} className="card user-card">
                  <div className="card-text">
                    <span className="card-title">{u.displayName}</span>
                    <span>
                      {u.username} · {t(`users.role.${u.role}`)} ·{' '}
                      {u.disabled ? t('users.disabled') : t('users.active')}
                    </span>
                    <span className="card-meta">
                      {u.projectIds.length > 0
                        ? u.projectIds.map(projectLabel).join(', ')
                        : t('users.noProject')}
                    </span>
                  </div>
                  {u.manageable ? (
                    <UserManage
                      key={`${u.role}:${u.projectIds.join()}`}
                      user={u}
                      roles={data.roles}
                      projects={projects}
                      onOperate={(operation) => operate(u, operation)}
                    />
                  ) : (
                    <span className="card-meta">{t('users.notManageable')}</span>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="devices-heading">
            <h2 id="devices-heading">{t('users.devices', { count: data.devices.length })}</h2>
            <DeviceTable devices={data.devices} nameOf={nameOf} onRevoke={revoke} />
          </section>
          <SilentDevices devices={data.devices} nameOf={nameOf} now={new Date(now)} />
        </>
      )}
    </main>
  );
}
