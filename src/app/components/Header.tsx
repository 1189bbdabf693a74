import { hasRole, type Role } from '../../core/records/user';
import type { Route } from '../state/router';
import { useT } from '../i18n/useT';
import { lazy, Suspense } from 'react';
import { LanguageSwitch } from './LanguageSwitch';
import { SignOutControl } from './SignOutControl';

// The count beside "À corriger" loads after the first screen: it is not needed to open the app or fill a form.
const AttentionBadge = lazy(() => import('./AttentionBadge').then((m) => ({ default: m.AttentionBadge })));

/** The menu, each link with the least role it is shown to (the server refuses the others anyway). */
const LINKS = [
  { href: '#/', route: 'home', key: 'nav.home' },
  { href: '#/submissions', route: 'submissions', key: 'nav.submissions' },
  { href: '#/attention', route: 'attention', key: 'nav.attention' },
  // Focal points and up: the exports the API serves beyond an agent's own rows.
  { href: '#/exports', route: 'exports', key: 'nav.exports', least: 'focal_point' },
  // Supervisors and admins: XLSForms, accounts and devices, the use of the database.
  { href: '#/forms', route: 'forms', key: 'nav.forms', least: 'supervisor' },
  { href: '#/users', route: 'users', key: 'nav.users', least: 'supervisor' },
  { href: '#/usage', route: 'usage', key: 'nav.usage', least: 'supervisor' },
] as const;

export function Header({ route, userName, role }: { route: Route; userName: string; role: Role }) {
  const { t } = useT();
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
          {LINKS.filter((link) => !('least' in link) || hasRole(role, link.least)).map((link) => {
            const current =
              route.name === link.route ||
              (link.route === 'home' && route.name === 'draft') ||
              (link.route === 'submissions' && route.name === 'submission');
            return (
              <li key={link.href}>
                <a href={link.href} aria-current={current ? 'page' : undefined}>
                  {t(link.key)}
                  {link.route === 'attention' ? (
                    <Suspense fallback={null}>
                      <AttentionBadge />
                    </Suspense>
                  ) : null}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
    </header>
  );
}
