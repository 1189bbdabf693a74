import { hasRole } from '../../core/records/user';
import { useApp } from '../hooks/useApp';
import type { Route } from '../state/router';
import { useT } from '../i18n/useT';
import { LanguageSwitch } from './LanguageSwitch';
import { SignOutControl } from './SignOutControl';

const LINKS = [
  { href: '#/', route: 'home', key: 'nav.home' },
  { href: '#/submissions', route: 'submissions', key: 'nav.submissions' },
  { href: '#/attention', route: 'attention', key: 'nav.attention' },
] as const;

export function Header({ route, userName }: { route: Route; userName: string }) {
  const { t } = useT();
  const { session } = useApp();
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
          {LINKS.map((link) => {
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
          {/* Issue 14, Forms page: supervisors and admins publish and archive forms. */}
          {session && hasRole(session.user.role, 'supervisor') ? (
            <li>
              <a href="#/forms" aria-current={route.name === 'forms' ? 'page' : undefined}>
                {t('nav.forms')}
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
    </header>
  );
}
