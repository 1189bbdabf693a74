import type { TerrainDb } from '../db/TerrainDb';
import type { SubmissionRecord } from '../db/schema';

export interface ListOptions {
  limit?: number;
  offset?: number;
}

export const DEFAULT_PAGE_SIZE = 50;

/**
 * The current version of each submission, newest finalized first, one page at a time, read through the
 * `finalizedAt` index. Earlier and conflicting versions are left out (they are few, so skipping them costs
 * little); `listVersions` shows them.
 */
export async function listSubmissions(db: TerrainDb, options: ListOptions = {}): Promise<SubmissionRecord[]> {
  const { limit = DEFAULT_PAGE_SIZE, offset = 0 } = options;
  return db.submissions
    .orderBy('finalizedAt')
    .reverse()
    .filter((s) => s.versionState === undefined)
    .offset(offset)
    .limit(limit)
    .toArray();
}

/** How many submissions `listSubmissions` pages through: all, less the versions that are not current. */
export async function countSubmissions(db: TerrainDb): Promise<number> {
  const [all, notCurrent] = await Promise.all([
    db.submissions.count(),
    db.submissions.where('versionState').anyOf(['superseded', 'conflicting']).count(),
  ]);
  return all - notCurrent;
}

export async function getSubmission(db: TerrainDb, id: string): Promise<SubmissionRecord | undefined> {
  return db.submissions.get(id);
}
