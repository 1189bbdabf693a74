import type { TerrainDb } from '../db/TerrainDb';
import type { SubmissionRecord } from '../db/schema';

export interface ListOptions {
  limit?: number;
  offset?: number;
}

export const DEFAULT_PAGE_SIZE = 50;

/** Newest finalized first, one page at a time, read through the `finalizedAt` index. */
export async function listSubmissions(db: TerrainDb, options: ListOptions = {}): Promise<SubmissionRecord[]> {
  const { limit = DEFAULT_PAGE_SIZE, offset = 0 } = options;
  return db.submissions.orderBy('finalizedAt').reverse().offset(offset).limit(limit).toArray();
}

export async function countSubmissions(db: TerrainDb): Promise<number> {
  return db.submissions.count();
}

export async function getSubmission(db: TerrainDb, id: string): Promise<SubmissionRecord | undefined> {
  return db.submissions.get(id);
}
