import { useLiveQuery } from 'dexie-react-hooks';
import type { OrganisationRecord, ProjectRecord } from '../db/schema';
import { listProjectsMatching, organisationsById } from '../repositories/coordination';
import { projectFacets, type ProjectFacets, type ProjectFilter } from '../repositories/projectFilter';
import { useSignedIn } from './useSignedIn';

export interface ProjectList {
  projects: ProjectRecord[];
  /** The filter values offered: from every project on the device, not only those shown. */
  facets: ProjectFacets;
  organisations: Map<string, OrganisationRecord>;
}

/** The projects on this device that match `filter`, live. */
export function useProjectList(filter: ProjectFilter): ProjectList | undefined {
  const { db } = useSignedIn();
  const { sector, region, organisationId, status, text } = filter;
  return useLiveQuery(async () => {
    const [all, projects, organisations] = await Promise.all([
      listProjectsMatching(db, {}),
      listProjectsMatching(db, { sector, region, organisationId, status, text }),
      organisationsById(db),
    ]);
    return { projects, facets: projectFacets(all), organisations };
  }, [db, sector, region, organisationId, status, text]);
}
