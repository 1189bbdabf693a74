import { useLiveQuery } from 'dexie-react-hooks';
import type { Period } from '../../core/records/indicator';
import { loadReportData, type ReportData } from '../repositories/reportData';
import { useSignedIn } from './useSignedIn';

/**
 * The records a report of `period` is built from, live: the report follows a sync or an entry without a
 * reload. The previous period's data stays until the new one is read (it is filtered by period anyway).
 */
export function useReportData(period: Period): ReportData | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => loadReportData(db, period), [db, period.start, period.end]);
}
