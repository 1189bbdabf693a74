import { useLiveQuery } from 'dexie-react-hooks';
import type { SubmissionRecord } from '../db/schema';
import { countSubmissions, listSubmissions } from '../repositories/submissions';
import { useSignedIn } from './useSignedIn';

export interface SubmissionsPage {
  rows: SubmissionRecord[];
  total: number;
}

/** One page of submissions, newest first, and the total count. */
export function useSubmissionsPage(page: number, pageSize: number): SubmissionsPage | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(async () => {
    const [rows, total] = await Promise.all([
      listSubmissions(db, { limit: pageSize, offset: page * pageSize }),
      countSubmissions(db),
    ]);
    return { rows, total };
  }, [db, page, pageSize]);
}
