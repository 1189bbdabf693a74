import { useLiveQuery } from 'dexie-react-hooks';
import { loadReportData, type ReportData } from '../repositories/reportData';
import { useSignedIn } from './useSignedIn';

/** The records a report is built from, live: the report follows a sync or an entry without a reload. */
export function useReportData(): ReportData | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => loadReportData(db), [db]);
}
