import { useId, useState, type FormEvent } from 'react';
import type { Role } from '../../../core/records/user';
import type { CreateUserRequest } from '../../../core/sync/userAdmin';
import { useT } from '../../i18n/useT';

interface Props {
  roles: readonly Role[];
  projects: readonly { id: string; label: string }[];
  /** True when the account was created (the form then empties). */
  onCreate: (request: CreateUserRequest) => Promise<boolean>;
}

/** A new account: username, name, role, optional password (generated otherwise), its projects. */
export function NewUserForm({ roles, projects, onCreate }: Props) {
  const { t } = useT();
  const id = useId();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>(roles[0] ?? 'agent');
  const [password, setPassword] = useState('');
  const [projectIds, setProjectIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const toggle = (projectId: string, on: boolean) =>
    setProjectIds((ids) => (on ? [...ids, projectId] : ids.filter((p) => p !== projectId)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const request = { username, displayName, role, projectIds, ...(password ? { password } : {}) };
    const created = await onCreate(request);
    setBusy(false);
    if (!created) return;
    setUsername('');
    setDisplayName('');
    setPassword('');
    setProjectIds([]);
  };

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)}>
      {/* Hints outside the labels: the name stays the label, the hint describes the field. */}
      <div className="admin-field">
        <label htmlFor={`${id}-username`}>{t('users.username')}</label>
        <input
          id={`${id}-username`}
          required
          autoComplete="off"
          value={username}
          aria-describedby={`${id}-u`}
          onChange={(e) => setUsername(e.target.value)}
        />
        <span className="hint" id={`${id}-u`}>
          {t('users.usernameHint')}
        </span>
      </div>
      <label>
        {t('users.displayName')}
        <input required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label>
        {t('users.role')}
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`users.role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="admin-field">
        <label htmlFor={`${id}-password`}>{t('users.password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          value={password}
          aria-describedby={`${id}-p`}
          onChange={(e) => setPassword(e.target.value)}
        />
        <span className="hint" id={`${id}-p`}>
          {t('users.passwordHint')}
        </span>
      </div>
      <fieldset>
        <legend>{t('users.projects')}</legend>
        {projects.map((p) => (
          <label key={p.id} className="choice">
            <input
              type="checkbox"
              checked={projectIds.includes(p.id)}
              onChange={(e) => toggle(p.id, e.target.checked)}
            />
            {p.label}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('users.create')}
      </button>
    </form>
  );
}
