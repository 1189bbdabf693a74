import type { PublicProject } from '../../core/public/publicProject';

// No zod here: it lives in the signed-in app's chunk, which a visitor should not download for one check of
// an answer our own server built from that schema (src/core/public/publicProject.ts). The shape the pages
// read is checked by hand, so that a wrong answer shows the error message rather than a broken page.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isText = (v: unknown) => isObject(v) && Object.values(v).every((s) => typeof s === 'string');
const isArrayOf = (v: unknown, item: (x: unknown) => boolean) => Array.isArray(v) && v.every(item);

function isPublicProject(v: unknown): v is PublicProject {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    typeof v.code === 'string' &&
    typeof v.status === 'string' &&
    isText(v.title) &&
    isText(v.description) &&
    isArrayOf(v.organisations, (o) => isObject(o) && typeof o.name === 'string') &&
    isArrayOf(v.sectors, (s) => isObject(s) && typeof s.code === 'string') &&
    isArrayOf(v.locations, (l) => isObject(l) && typeof l.name === 'string') &&
    isArrayOf(v.budgets, isObject) &&
    isObject(v.budgetTotals) &&
    Object.values(v.budgetTotals).every((n) => typeof n === 'number') &&
    isArrayOf(v.indicators, (i) => isObject(i) && typeof i.code === 'string' && isText(i.title))
  );
}

/** The public projects, their shape checked as far as the public pages read it. */
export async function fetchPublicProjects(): Promise<PublicProject[]> {
  const res = await fetch('/public/api/projects', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`public projects: ${res.status}`);
  const body: unknown = await res.json();
  if (!isObject(body) || !isArrayOf(body.projects, isPublicProject))
    throw new Error('public projects: unexpected answer');
  return body.projects as PublicProject[];
}
