import { useLiveQuery } from 'dexie-react-hooks';
import type { IndicatorRecord, IndicatorValueRecord, ProjectRecord } from '../db/schema';
import { getIndicator, getProject, listIndicatorValues } from '../repositories/coordination';
import { useSignedIn } from './useSignedIn';

export interface IndicatorDetail {
  indicator: IndicatorRecord;
  project: ProjectRecord | undefined;
  values: IndicatorValueRecord[];
}

/** An indicator and its values, live: `undefined` while loading, `null` when it is not on the device. */
export function useIndicatorDetail(id: string): IndicatorDetail | null | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(async () => {
    const indicator = await getIndicator(db, id);
    if (!indicator) return null;
    const [project, values] = await Promise.all([
      getProject(db, indicator.projectId),
      listIndicatorValues(db, id),
    ]);
    return { indicator, project, values };
  }, [db, id]);
}
