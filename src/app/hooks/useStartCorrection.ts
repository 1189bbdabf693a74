import { useCallback } from 'react';
import type { DraftRecord } from '../db/schema';
import { startCorrection } from '../repositories/corrections';
import { useSignedIn } from './useSignedIn';

/** Opens (or reopens) the correction draft of a finalized submission. */
export function useStartCorrection(): (submissionId: string) => Promise<DraftRecord> {
  const { db } = useSignedIn();
  return useCallback((submissionId: string) => startCorrection(db, submissionId), [db]);
}
