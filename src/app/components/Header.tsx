import type { Role } from '../../core/records/user';
import { useT } from '../i18n/useT';
import { LanguageSwitch } from './LanguageSwitch';
import { linksFor, section } from './navLinks';
import { SignOutControl } from './SignOutControl';
import { lazy, Suspense } from 'react';

// The count beside "À corriger" loads after the first screen: it is not needed to open the app or fill a form.
const AttentionBadge = lazy(() => import('./AttentionBadge').then((m) => ({ default: m.AttentionBadge })));

/** The header: the links of the user's role (navLinks.ts), the current page marked (aria-current). */
export function Header({ hash, role, userName }: { hash: string; role: Role; userName: string }) {
  const { t } = useT();
  const current = section(hash);
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
          {linksFor(role).map((link) => (
            <li key={link.href}>
              <a href={link.href} aria-current={link.paths.includes(current) ? 'page' : undefined}>
                {t(link.key)}
                {link.href === '#/attention' ? (
                  <Suspense fallback={null}>
                    <AttentionBadge />
                  </Suspense>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
