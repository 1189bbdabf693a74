import type { TerrainDb } from '../db/TerrainDb';
import type {
  IndicatorRecord,
  IndicatorValueRecord,
  OrganisationRecord,
  ProjectRecord,
  SubmissionRecord,
} from '../db/schema';
import { projectMatches, type ProjectFilter } from './projectFilter';

/**
 * Reads of the coordination records (projects, organisations, indicators and their values) as pulled onto
 * this device. Tombstoned records are kept by the sync (so a late edit merges) but never shown.
 */

export async function listProjectsMatching(db: TerrainDb, filter: ProjectFilter): Promise<ProjectRecord[]> {
  const all = await db.projects.toArray();
  return all
    .filter((p) => !p.deleted && projectMatches(p, filter))
    .sort((a, b) => a.code.localeCompare(b.code));
}

export async function getProject(db: TerrainDb, id: string): Promise<ProjectRecord | undefined> {
  const project = await db.projects.get(id);
  return project?.deleted ? undefined : project;
}

/** Every organisation on the device by id, tombstones included: a project may still name a removed one. */
export async function organisationsById(db: TerrainDb): Promise<Map<string, OrganisationRecord>> {
  const all = await db.organisations.toArray();
  return new Map(all.map((o) => [o.id, o]));
}

export async function listIndicators(db: TerrainDb, projectId: string): Promise<IndicatorRecord[]> {
  const all = await db.indicators.where('projectId').equals(projectId).toArray();
  return all.filter((i) => !i.deleted).sort((a, b) => a.code.localeCompare(b.code));
}

export async function getIndicator(db: TerrainDb, id: string): Promise<IndicatorRecord | undefined> {
  const indicator = await db.indicators.get(id);
  return indicator?.deleted ? undefined : indicator;
}

/** An indicator's values, oldest period first. */
export async function listIndicatorValues(
  db: TerrainDb,
  indicatorId: string,
): Promise<IndicatorValueRecord[]> {
  const all = await db.indicatorValues.where('indicatorId').equals(indicatorId).toArray();
  return all
    .filter((v) => !v.deleted)
    .sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.periodEnd.localeCompare(b.periodEnd));
}

/** The values of all of a project's indicators in one indexed read (not one read per indicator). */
export async function listProjectIndicatorValues(
  db: TerrainDb,
  projectId: string,
): Promise<IndicatorValueRecord[]> {
  const all = await db.indicatorValues.where('projectId').equals(projectId).toArray();
  return all.filter((v) => !v.deleted);
}

/** A project's current submissions (a corrected one counts once), by the projectId index (Dexie v7). */
function projectSubmissions(db: TerrainDb, projectId: string) {
  return db.submissions
    .where('projectId')
    .equals(projectId)
    .filter((s) => !s.versionState && !s.discardedAt);
}

export async function countProjectSubmissions(db: TerrainDb, projectId: string): Promise<number> {
  return projectSubmissions(db, projectId).count();
}

/** The project's latest current submissions, newest first, at most `limit`. */
export async function listRecentProjectSubmissions(
  db: TerrainDb,
  projectId: string,
  limit: number,
): Promise<SubmissionRecord[]> {
  const all = await projectSubmissions(db, projectId).toArray();
  return all.sort((a, b) => b.finalizedAt.localeCompare(a.finalizedAt)).slice(0, limit);
}
