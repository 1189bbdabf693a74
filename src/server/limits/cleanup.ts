import type { Storage } from '../storage/Storage';

/** Rows swept per statement round: each round is one short transaction. */
const PAGE = 200;

export interface CleanupResult {
  /** Unfinished uploads deleted with their bytes. */
  uploads: number;
  /** Complete files deleted that no submission named. */
  blobs: number;
}

/**
 * Deletes what nobody claimed for `ttlMs`: unfinished uploads not written to since (a device resuming later
 * starts again from 0), and complete files stored that long ago that no submission names. A file named by a
 * submission (a row in media_refs, whether the record came before or after the bytes) or added to a
 * project's documents (project_document_refs) is never deleted;
 * one whose record is late (an agent offline for days) is kept as long as the delay.
 */
export async function cleanup(storage: Storage, now: Date, ttlMs: number): Promise<CleanupResult> {
  const before = new Date(now.getTime() - ttlMs).toISOString();
  const sweep = async (run: () => Promise<number>) => {
    let total = 0;
    for (;;) {
      const swept = await run();
      total += swept;
      if (swept < PAGE) return total;
    }
  };
  const uploads = await sweep(() => storage.limits.sweepUploads(before, PAGE));
  const blobs = await sweep(() => storage.limits.sweepBlobs(before, PAGE));
  return { uploads, blobs };
}

/** `Removed 2 unfinished uploads and 1 file no submission names`, for logs and the CLI. */
export function describeCleanup({ uploads, blobs }: CleanupResult): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `Removed ${plural(uploads, 'unfinished upload')} and ${plural(blobs, 'file')} no submission names`;
}
