import { useLiveQuery } from 'dexie-react-hooks';
import type { IndicatorRecord, IndicatorValueRecord, ProjectRecord } from '../db/schema';
import type { ComputeSubmission } from '../../core/indicators/compute';
import { getIndicator, getProject, listIndicatorValues } from '../repositories/coordination';
import { computeSubmissionsOf } from '../repositories/reportData';
import { useSignedIn } from './useSignedIn';

export interface IndicatorDetail {
  indicator: IndicatorRecord;
  project: ProjectRecord | undefined;
  values: IndicatorValueRecord[];
  /** The submissions its computation reads (none when its values are only entered by hand). */
  submissions: ComputeSubmission[];
}

/** An indicator and its values, live: `undefined` while loading, `null` when it is not on the device. */
export function useIndicatorDetail(id: string): IndicatorDetail | null | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(async () => {
    const indicator = await getIndicator(db, id);
    if (!indicator) return null;
    const formIds = indicator.computation ? [indicator.computation.formId] : [];
    const [project, values, submissions] = await Promise.all([
      getProject(db, indicator.projectId),
      listIndicatorValues(db, id),
      computeSubmissionsOf(db, formIds),
    ]);
    return { indicator, project, values, submissions };
  }, [db, id]);
}
