import { PublicProjects, type PublicProject } from '../../core/public/publicProject';

/** The public projects, checked against the schema the server answers with. */
export async function fetchPublicProjects(): Promise<PublicProject[]> {
  const res = await fetch('/public/api/projects', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`public projects: ${res.status}`);
  return PublicProjects.parse(await res.json()).projects;
}
