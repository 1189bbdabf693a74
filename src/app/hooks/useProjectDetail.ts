import { useLiveQuery } from 'dexie-react-hooks';
import { indicatorRows, latestRow, type IndicatorRow } from '../components/indicatorRows';
import type { IndicatorRecord, OrganisationRecord, ProjectRecord, SubmissionRecord } from '../db/schema';
import { loadProjectDetail } from '../repositories/coordinationDetail';
import { useSignedIn } from './useSignedIn';

export interface ProjectDetail {
  project: ProjectRecord;
  organisations: Map<string, OrganisationRecord>;
  /**
   * Each indicator with its latest period that has a value, as the indicator page's table reads it: the
   * value entered by hand and its review, beside the one computed from submissions.
   */
  indicators: { indicator: IndicatorRecord; latest: IndicatorRow | undefined }[];
  submissionCount: number;
  /** Its latest submissions, newest first. */
  recent: SubmissionRecord[];
}

/** A project with what its page shows: `undefined` while loading, `null` when it is not on the device. */
export function useProjectDetail(id: string): ProjectDetail | null | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(async () => {
    const data = await loadProjectDetail(db, id);
    if (!data) return null;
    const { project, organisations, indicators, values, submissions, submissionCount, recent } = data;
    const withLatest = indicators.map((indicator) => ({
      indicator,
      latest: latestRow(
        indicatorRows(
          indicator,
          values.filter((v) => v.indicatorId === indicator.id),
          submissions,
        ),
      ),
    }));
    return { project, organisations, indicators: withLatest, submissionCount, recent };
  }, [db, id]);
}
