import type { Route } from '../../state/router';

/** Which form's data table: what `#/data/:projectId/:formId` names. */
export interface DataTarget {
  projectId: string;
  formId: string;
}

/** The route of a form's data table (router.ts keeps only its name and hash, off the start path). */
export function dataRoute({ projectId, formId }: DataTarget): Extract<Route, { name: 'data' }> {
  return { name: 'data', hash: `#/data/${encodeURIComponent(projectId)}/${encodeURIComponent(formId)}` };
}

/** The form a `#/data/…` hash names; null when it names none (wrong shape or broken escapes). */
export function parseDataHash(hash: string): DataTarget | null {
  const parts = (hash.replace(/^#/, '').split('?')[0] ?? '').split('/').filter(Boolean);
  if (parts.length !== 3 || parts[0] !== 'data') return null;
  try {
    const [projectId, formId] = [decodeURIComponent(parts[1]!), decodeURIComponent(parts[2]!)];
    return projectId && formId ? { projectId, formId } : null;
  } catch {
    return null;
  }
}

/** The route of a form's map (`#/data/:projectId/:formId/map`): a `data` route, its hash ending in `/map`. */
export function dataMapRoute(target: DataTarget): Extract<Route, { name: 'data' }> {
  return { name: 'data', hash: `${dataRoute(target).hash}/map` };
}

/** The form a `#/data/…/map` hash names; null when it names none. */
export function parseDataMapHash(hash: string): DataTarget | null {
  const path = hash.split('?')[0] ?? '';
  return path.endsWith('/map') ? parseDataHash(path.slice(0, -'/map'.length)) : null;
}
