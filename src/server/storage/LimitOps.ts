/**
 * The queries that keep one user from filling the server (`storage.limits`): request counts per window,
 * stored rejections per device and user, and the sweeping of uploads and files nobody claimed
 * (src/server/limits).
 */
export interface LimitOps {
  /**
   * Counts one request under `key` in the window that began at `windowStart` (ms since the epoch), in one
   * upsert: a newer window starts again from 1. Returns the count and the start of the window it belongs
   * to (a process whose clock runs behind counts in the newer window another one opened).
   */
  countRequest(key: string, windowStart: number): Promise<{ count: number; windowStart: number }>;
  /** Rejections stored for the user, and among them for one of their devices. */
  countRejected(userId: string, clientId: string): Promise<{ user: number; device: number }>;
  /**
   * Deletes at most `limit` unfinished uploads (and their bytes) last written before `before` (ISO time);
   * returns how many. An upload written to since is kept.
   */
  sweepUploads(before: string, limit: number): Promise<number>;
  /**
   * Deletes at most `limit` complete files stored before `before` that no submission names (no row in
   * media_refs), with their bytes and finished uploads; returns how many. A file named since is kept.
   */
  sweepBlobs(before: string, limit: number): Promise<number>;
  /** How many uploads `sweepUploads(before)` would delete now (the purge's dry run). */
  countStaleUploads(before: string): Promise<number>;
  /** How many files `sweepBlobs(before)` would delete now. */
  countUnnamedBlobs(before: string): Promise<number>;
}
