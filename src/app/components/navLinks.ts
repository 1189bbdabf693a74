import { hasRole, type Role } from '../../core/records/user';
import type { CoreKey } from '../i18n/types';

/**
 * The header's links, by role: one line per page, so that a new page adds one line. `paths` are the first
 * segments of the hash (`#/projects/…` → `projects`) that mark the link as the current page; `min` is the
 * least role that sees it (hasRole), `only` the one role that does. Agents keep home, submissions and
 * "needs attention"; the people at base get their pages.
 */
export interface NavLink {
  href: string;
  key: CoreKey;
  paths: string[];
  min?: Role;
  only?: Role;
}

export const NAV_LINKS: NavLink[] = [
  { href: '#/', key: 'nav.home', paths: ['', 'drafts'] },
  { href: '#/submissions', key: 'nav.submissions', paths: ['submissions'] },
  { href: '#/attention', key: 'nav.attention', paths: ['attention'], only: 'agent' },
  { href: '#/projects', key: 'nav.projects', paths: ['projects', 'indicators', 'edit'], min: 'focal_point' },
  { href: '#/review', key: 'nav.reviewQueue', paths: ['review'], min: 'focal_point' },
  { href: '#/reports', key: 'nav.reports', paths: ['reports'], min: 'focal_point' },
  { href: '#/forms', key: 'nav.forms', paths: ['forms'], min: 'supervisor' },
  { href: '#/exports', key: 'nav.exports', paths: ['exports'], min: 'focal_point' },
  { href: '#/users', key: 'nav.users', paths: ['users'], min: 'supervisor' },
  { href: '#/usage', key: 'nav.usage', paths: ['usage'], min: 'supervisor' },
  { href: '#/iati', key: 'nav.iati', paths: ['iati'], only: 'admin' },
];

export const linksFor = (role: Role): NavLink[] =>
  NAV_LINKS.filter((l) => (l.only ? l.only === role : !l.min || hasRole(role, l.min)));

/**
 * The first segment of a hash: what picks the current link. Starting a submission
 * (`#/forms/:project/:form/:version/new`) is part of home, not of the forms page.
 */
export function section(hash: string): string {
  const parts = hash.replace(/^#\/?/, '').split(/[/?]/);
  return parts[0] === 'forms' && parts.length > 2 ? '' : (parts[0] ?? '');
}
