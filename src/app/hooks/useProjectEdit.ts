import { useLiveQuery } from 'dexie-react-hooks';
import type { OrganisationRecord, ProjectRecord } from '../db/schema';
import { getProject } from '../repositories/coordination';
import { listOrganisations } from '../repositories/editReads';
import { useSignedIn } from './useSignedIn';

export interface ProjectEdit {
  /** Undefined for a new project. */
  project: ProjectRecord | undefined;
  organisations: OrganisationRecord[];
}

/**
 * What the project form starts from: `undefined` while loading, `null` when the project is not on the
 * device. `id` null: a new project.
 */
export function useProjectEdit(id: string | null): ProjectEdit | null | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(async () => {
    const [project, organisations] = await Promise.all([
      id === null ? undefined : getProject(db, id),
      listOrganisations(db),
    ]);
    if (id !== null && !project) return null;
    return { project, organisations };
  }, [db, id]);
}
