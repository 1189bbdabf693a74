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
  /** `#/exports`: the server's exports (focal points and up); `#/export` is the device's unsent data. */
  | { name: 'exports' }
  /** `#/forms`: the Forms page of supervisors (`#/forms/<p>/<f>/<v>/new` stays the new-draft route). */
  | { name: 'forms' }
  /** `#/edit/…`: the edit pages of organisations, projects and indicators; pages/Editor.tsx reads `hash`. */
  | { name: 'edit'; hash: string }
  | { name: 'notFound' };

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
  if (first === 'edit') return { name: 'edit', hash };
  if (parts.length === 1 && first === 'submissions') return { name: 'submissions' };
  if (parts.length === 2 && first === 'submissions') {
    const id = decode(second);
    if (id) return { name: 'submission', id };
  }
  if (parts.length === 1 && first === 'attention') return { name: 'attention' };
  if (parts.length === 1 && first === 'conflicts') return { name: 'conflicts' };
  if (parts.length === 1 && first === 'reports') return { name: 'reports' };
  if (parts.length === 1 && (first === 'export' || first === 'import' || first === 'exports'))
    return { name: first };
  if (parts.length === 1 && first === 'forms') return { name: 'forms' };
  if (parts.length === 1 && first === 'projects') return { name: 'projects' };
  if (parts.length === 2 && (first === 'projects' || first === 'indicators')) {
    const id = decode(second);
    if (id) return { name: first === 'projects' ? 'project' : 'indicator', id };
  }
  if (parts.length === 1 && first === 'review') return { name: 'reviewQueue' };
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
  switch (route.name) {
    case 'home':
    case 'notFound':
      return '#/';
    case 'newDraft':
      return `#/forms/${[route.projectId, route.formId, route.version].map(encodeURIComponent).join('/')}/new`;
    case 'draft':
      return `#/drafts/${encodeURIComponent(route.id)}`;
    case 'submissions':
      return '#/submissions';
    case 'submission':
      return `#/submissions/${encodeURIComponent(route.id)}`;
    case 'attention':
      return '#/attention';
    case 'conflicts':
      return '#/conflicts';
    case 'reports':
      return '#/reports';
    case 'forms':
      return '#/forms';
    case 'export':
    case 'import':
    case 'exports':
      return `#/${route.name}`;
    case 'projects':
      return '#/projects';
    case 'project':
      return `#/projects/${encodeURIComponent(route.id)}`;
    case 'indicator':
      return `#/indicators/${encodeURIComponent(route.id)}`;
    case 'reviewQueue':
      return '#/review';
    case 'edit':
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
