import { hasRole } from '../../core/records/user';
import { useSignedIn } from '../hooks/useSignedIn';
import type { Route } from '../state/router';
import { useT } from '../i18n/useT';
import { LanguageSwitch } from './LanguageSwitch';
import { SignOutControl } from './SignOutControl';

const LINKS = [
  { href: '#/', route: 'home', key: 'nav.home' },
  { href: '#/submissions', route: 'submissions', key: 'nav.submissions' },
  { href: '#/attention', route: 'attention', key: 'nav.attention' },
] as const;
// Exports (issue 14): focal points and up, the roles the export API serves beyond an agent's own rows.
const EXPORTS = [{ href: '#/exports', route: 'exports', key: 'nav.exports' }] as const;
// Forms (issue 14): supervisors and admins check, publish and archive XLSForms.
const FORMS = [{ href: '#/forms', route: 'forms', key: 'nav.forms' }] as const;

export function Header({ route, userName }: { route: Route; userName: string }) {
  const { t } = useT();
  const role = useSignedIn().session.user.role;
  const links = [
    ...LINKS,
    ...(hasRole(role, 'focal_point') ? EXPORTS : []),
    ...(hasRole(role, 'supervisor') ? FORMS : []),
  ];
  return (
    <header className="app-header">
      <div className="header-row">
        <a className="brand" href="#/">
          {t('app.name')}
        </a>
        <span className="header-user">{userName}</span>
        <LanguageSwitch />
        <SignOutControl />
      </div>
      <nav aria-label={t('nav.label')}>
        <ul className="nav-list">
          {links.map((link) => {
            const current =
              route.name === link.route ||
              (link.route === 'home' && route.name === 'draft') ||
              (link.route === 'submissions' && route.name === 'submission');
            return (
              <li key={link.href}>
                <a href={link.href} aria-current={current ? 'page' : undefined}>
                  {t(link.key)}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
    </header>
  );
}
