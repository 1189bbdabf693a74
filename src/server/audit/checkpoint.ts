import { z } from 'zod/mini';

/**
 * Trimming the oldest audit entries (the purge, src/server/retention) without breaking `audit verify`. The
 * purge deletes every entry before the first one it keeps and appends, in the same transaction, a
 * `retention.purge` entry whose details hold this checkpoint: the first kept entry's seq and the hash it
 * links back to. The chain then starts from that hash instead of the genesis hash, and the checkpoint, being
 * in the chain, is itself vouched for by every later entry: entries removed by anything but a purge (a gap
 * at the start that no checkpoint names) still show.
 */
export const PURGE_ACTION = 'retention.purge';

export const TrimCheckpoint = z.object({
  /** The first entry kept: the chain starts there. */
  firstKept: z.number(),
  /** That entry's `prev_hash`: the hash of the last entry removed. */
  prevHash: z.string(),
  /** How many entries this purge removed. */
  removed: z.number(),
  /** The purge removed the entries written before this time (ISO). */
  before: z.string(),
});
export type TrimCheckpoint = z.infer<typeof TrimCheckpoint>;

/** The part of a purge's details that `audit verify` reads (the rest are counts for people). */
export const PurgeCheckpoint = z.object({ checkpoint: z.optional(TrimCheckpoint) });
