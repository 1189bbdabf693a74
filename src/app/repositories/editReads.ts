import type { TerrainDb } from '../db/TerrainDb';
import type { FormRecord, OrganisationRecord, ProjectRecord } from '../db/schema';
import { listLatestForms } from './forms';

/** What the edit pages read besides the record itself. */

/** The organisations on the device, by name; removed ones are not offered. */
export async function listOrganisations(db: TerrainDb): Promise<OrganisationRecord[]> {
  const all = await db.organisations.toArray();
  return all.filter((o) => !o.deleted).sort((a, b) => a.name.localeCompare(b.name));
}

/** The latest version of each form of a project: what an indicator may be computed from. */
export async function listProjectForms(db: TerrainDb, projectId: string): Promise<FormRecord[]> {
  return (await listLatestForms(db)).filter((f) => f.projectId === projectId);
}

/** The projects on the device, deleted ones apart: what the organisation pages tell their use from. */
export async function listLiveProjects(db: TerrainDb): Promise<ProjectRecord[]> {
  return (await db.projects.toArray()).filter((p) => !p.deleted);
}
