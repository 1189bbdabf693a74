import { useLiveQuery } from 'dexie-react-hooks';
import type { FormRecord, IndicatorRecord, ProjectRecord } from '../db/schema';
import { getIndicator, getProject } from '../repositories/coordination';
import { listProjectForms } from '../repositories/editReads';
import { useSignedIn } from './useSignedIn';

export interface IndicatorEdit {
  /** Undefined for a new indicator. */
  indicator: IndicatorRecord | undefined;
  project: ProjectRecord;
  /** The project's forms, which its values may be computed from. */
  forms: FormRecord[];
}

/**
 * What the indicator form starts from: an indicator (`id`) or a new one of `projectId`. `undefined` while
 * loading, `null` when the indicator or its project is not on the device.
 */
export function useIndicatorEdit(
  target: { id: string } | { projectId: string },
): IndicatorEdit | null | undefined {
  const { db } = useSignedIn();
  const id = 'id' in target ? target.id : null;
  const newOf = 'projectId' in target ? target.projectId : null;
  return useLiveQuery(async () => {
    const indicator = id === null ? undefined : await getIndicator(db, id);
    const projectId = indicator?.projectId ?? newOf;
    const project = projectId === null ? undefined : await getProject(db, projectId);
    if (!project || (id !== null && !indicator)) return null;
    return { indicator, project, forms: await listProjectForms(db, project.id) };
  }, [db, id, newOf]);
}
