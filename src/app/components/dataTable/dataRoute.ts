import type { MapFilter } from '../../../core/geo/submissionMap';
import { REVIEW_STATUSES } from '../../../core/records/review';
import type { StatusFilter } from '../../../core/table/dataTable';
import type { Route } from '../../state/router';

/** Which form's data table: what `#/data/:projectId/:formId` names. */
export interface DataTarget {
  projectId: string;
  formId: string;
}

/**
 * The filters of a form's data, shared by its table and its map: they live in the hash's query
 * (`#/data/p/f?status=verified&from=2026-11-01`), so that going from one to the other keeps them, as do a
 * reload and the back button. The table filters by status only; it keeps the dates and agent in its links
 * to the map. The agent is an account id (no name); a hash never reaches the server.
 */
export type DataFilter = MapFilter;
export const NO_DATA_FILTER: DataFilter = { from: '', to: '', agent: '', status: 'all' };

const STATUS_FILTERS: readonly string[] = ['all', 'none', ...REVIEW_STATUSES];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters a hash's query names; a value out of place is left out (no filter). */
export function parseDataFilter(hash: string): DataFilter {
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  const status = query.get('status') ?? '';
  const dayOf = (key: string) => {
    const value = query.get(key) ?? '';
    return DAY.test(value) ? value : '';
  };
  return {
    status: STATUS_FILTERS.includes(status) ? (status as StatusFilter) : 'all',
    from: dayOf('from'),
    to: dayOf('to'),
    agent: (query.get('agent') ?? '').slice(0, 200),
  };
}

/** `?status=…&from=…&to=…&agent=…` with the filters set, or '' when none is. */
function queryOf(filter: DataFilter): string {
  const query = new URLSearchParams();
  if (filter.status !== 'all') query.set('status', filter.status);
  if (filter.from) query.set('from', filter.from);
  if (filter.to) query.set('to', filter.to);
  if (filter.agent) query.set('agent', filter.agent);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The route of a form's data table (router.ts keeps only its name and hash, off the start path). */
export function dataRoute(
  { projectId, formId }: DataTarget,
  filter: DataFilter = NO_DATA_FILTER,
): Extract<Route, { name: 'data' }> {
  const path = `#/data/${encodeURIComponent(projectId)}/${encodeURIComponent(formId)}`;
  return { name: 'data', hash: `${path}${queryOf(filter)}` };
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

/** The route of a form's map (`#/data/:projectId/:formId/map`): a `data` route, its path ending in `/map`. */
export function dataMapRoute(
  target: DataTarget,
  filter: DataFilter = NO_DATA_FILTER,
): Extract<Route, { name: 'data' }> {
  return { name: 'data', hash: `${dataRoute(target).hash}/map${queryOf(filter)}` };
}

/** The form a `#/data/…/map` hash names; null when it names none. */
export function parseDataMapHash(hash: string): DataTarget | null {
  const path = hash.split('?')[0] ?? '';
  return path.endsWith('/map') ? parseDataHash(path.slice(0, -'/map'.length)) : null;
}
