import { useLiveQuery } from 'dexie-react-hooks';
import type { IndicatorRecord, IndicatorValueRecord, OrganisationRecord, ProjectRecord } from '../db/schema';
import {
  countProjectSubmissions,
  getProject,
  latestTotal,
  listIndicators,
  listProjectIndicatorValues,
  organisationsById,
} from '../repositories/coordination';
import { useSignedIn } from './useSignedIn';

export interface ProjectDetail {
  project: ProjectRecord;
  organisations: Map<string, OrganisationRecord>;
  indicators: { indicator: IndicatorRecord; latest: IndicatorValueRecord | undefined }[];
  submissionCount: number;
}

/** A project with what its page shows: `undefined` while loading, `null` when it is not on the device. */
export function useProjectDetail(id: string): ProjectDetail | null | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(async () => {
    const project = await getProject(db, id);
    if (!project) return null;
    const [organisations, indicators, values, submissionCount] = await Promise.all([
      organisationsById(db),
      listIndicators(db, id),
      listProjectIndicatorValues(db, id),
      countProjectSubmissions(db, id),
    ]);
    const withLatest = indicators.map((indicator) => ({
      indicator,
      latest: latestTotal(values.filter((v) => v.indicatorId === indicator.id)),
    }));
    return { project, organisations, indicators: withLatest, submissionCount };
  }, [db, id]);
}
