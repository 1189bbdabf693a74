/**
 * A tiny hash router: `#/…` URLs reload offline with no server rewrite and no router library.
 */
export type Route =
  | { name: 'home' }
  | { name: 'newDraft'; projectId: string; formId: string; version: string }
  | { name: 'draft'; id: string }
  | { name: 'submissions' }
  | { name: 'submission'; id: string }
  | { name: 'attention' }
  | { name: 'conflicts' }
  | { name: 'export' }
  | { name: 'import' }
  | { name: 'projects' }
  | { name: 'project'; id: string }
  | { name: 'indicator'; id: string }
  | { name: 'reviewQueue' }
  | { name: 'reports' }
  /** `#/reports/flows`: the reports of aid flows (pages/FlowReport.tsx). */
  | { name: 'flowReport' }
  /** `#/exports`: the server's exports (focal points and up); `#/export` is the device's unsent data. */
  | { name: 'exports' }
  /** `#/forms`: the Forms page of supervisors (`#/forms/<p>/<f>/<v>/new` stays the new-draft route). */
  | { name: 'forms' }
  /** Supervisors and admins: accounts and devices (online), and the use of the database. */
  | { name: 'users' }
  | { name: 'usage' }
  /** `#/iati`: the admins' IATI import (online). */
  | { name: 'iati' }
  /** `#/edit/…`: the edit pages of organisations, projects and indicators; pages/Editor.tsx reads `hash`. */
  | { name: 'edit'; hash: string }
  /**
   * `#/data/:projectId/:formId`: a form's data table; components/dataTable/dataRoute.ts reads `hash` in the
   * page's own chunk, so the start path carries only this name (its JavaScript is counted to the byte).
   */
  | { name: 'data'; hash: string }
  /** `#/maps/packs[/<projectId>]`: offline map packs (everyone); src/app/maps/MapPacksPage.tsx reads `hash`. */
  | { name: 'maps'; hash: string }
  | { name: 'notFound' };

/**
 * The pages whose path is their name (`#/users` is `{ name: 'users' }`): one rule for all of them in
 * parseHash and hrefOf, fewer bytes on the field agent's start path (GUIDE §4).
 */
const NAMED_PAGES = [
  'submissions',
  'attention',
  'conflicts',
  'reports',
  'export',
  'import',
  'projects',
  'users',
  'usage',
  'iati',
  'exports',
  'forms',
] as const;
type NamedPage = (typeof NAMED_PAGES)[number];
const isNamedPage = (part: string | undefined): part is NamedPage =>
  (NAMED_PAGES as readonly (string | undefined)[]).includes(part);
const isNamedRoute = (route: Route): route is Extract<Route, { name: NamedPage }> => isNamedPage(route.name);

function decode(part: string | undefined): string | null {
  if (!part) return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  const parts = path.split('/').filter(Boolean);
  const [first, second, third, fourth, fifth] = parts;
  if (parts.length === 0) return { name: 'home' };
  if (first === 'edit' || first === 'data' || first === 'maps') return { name: first, hash };
  if (parts.length === 1 && isNamedPage(first)) return { name: first };
  if (parts.length === 2 && first === 'submissions') {
    const id = decode(second);
    if (id) return { name: 'submission', id };
  }
  if (parts.length === 2 && (first === 'projects' || first === 'indicators')) {
    const id = decode(second);
    if (id) return { name: first === 'projects' ? 'project' : 'indicator', id };
  }
  if (parts.length === 1 && first === 'review') return { name: 'reviewQueue' };
  if (parts.length === 2 && first === 'reports' && second === 'flows') return { name: 'flowReport' };
  if (parts.length === 2 && first === 'drafts') {
    const id = decode(second);
    if (id) return { name: 'draft', id };
  }
  if (parts.length === 5 && first === 'forms' && fifth === 'new') {
    const [projectId, formId, version] = [decode(second), decode(third), decode(fourth)];
    if (projectId && formId && version) return { name: 'newDraft', projectId, formId, version };
  }
  return { name: 'notFound' };
}

export function hrefOf(route: Route): string {
  if (isNamedRoute(route)) return `#/${route.name}`;
  switch (route.name) {
    case 'home':
    case 'notFound':
      return '#/';
    case 'newDraft':
      return `#/forms/${[route.projectId, route.formId, route.version].map(encodeURIComponent).join('/')}/new`;
    case 'draft':
      return `#/drafts/${encodeURIComponent(route.id)}`;
    case 'submission':
      return `#/submissions/${encodeURIComponent(route.id)}`;
    case 'project':
      return `#/projects/${encodeURIComponent(route.id)}`;
    case 'indicator':
      return `#/indicators/${encodeURIComponent(route.id)}`;
    case 'reviewQueue':
      return '#/review';
    case 'flowReport':
      return '#/reports/flows';
    case 'edit':
    case 'data':
    case 'maps':
      return route.hash;
  }
}

/** Go to a route; `replace` keeps the current entry out of the history (e.g. after creating a draft). */
export function navigate(route: Route, { replace = false } = {}): void {
  const href = hrefOf(route);
  if (replace) {
    history.replaceState(history.state, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}

export function subscribeToHash(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}
