/**
 * What the running sync is doing, step by step. Each step has its own `kind` and counts, so a new step (the
 * media upload, say) adds a kind here and a line in the SyncBar without touching the others.
 */
export type SyncProgress =
  /** Outbox entries answered so far out of those pending when the push began (or queued since). */
  | { kind: 'push'; sent: number; total: number }
  /** Changes received so far; the server does not say how many remain. */
  | { kind: 'pull'; received: number }
  /** Bytes of photos and files the server holds so far, out of those this run sends. */
  | { kind: 'media'; sent: number; total: number };

/** What the UI shows about sync. `pending` and `rejected` count outbox entries. */
export interface SyncStatus {
  phase: 'idle' | 'syncing' | 'offline' | 'error' | 'signed_out';
  pending: number;
  rejected: number;
  /** Photos and files of sent records still waiting for upload. */
  pendingMedia: number;
  lastSyncAt: string | null;
  lastError: { code: string; message: string } | null;
  /** Epoch ms of the next automatic retry after a failure, or null. */
  nextRetryAt: number | null;
  /** The step of the running sync and how far it got. */
  progress: SyncProgress | null;
  /** A sync asked for here waits while another tab of the same user syncs (one at a time per user). */
  otherTab: boolean;
  /** Pulled rows skipped because they failed their schema, since the engine started. */
  invalidRows: number;
  /** Sealed changes of other users of this tablet the server answered, since the engine started. */
  sentForOthers: number;
}

export const INITIAL_STATUS: SyncStatus = {
  phase: 'idle',
  pending: 0,
  rejected: 0,
  pendingMedia: 0,
  lastSyncAt: null,
  lastError: null,
  nextRetryAt: null,
  progress: null,
  otherTab: false,
  invalidRows: 0,
  sentForOthers: 0,
};
