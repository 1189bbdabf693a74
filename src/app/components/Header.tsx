import type { Role } from '../../core/records/user';
import { useT } from '../i18n/useT';
import { LanguageSwitch } from './LanguageSwitch';
import { linksFor, section } from './navLinks';
import { SignOutControl } from './SignOutControl';

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
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
