/** What the UI shows about sync. `pending` and `rejected` count outbox entries. */
export interface SyncStatus {
  phase: 'idle' | 'syncing' | 'offline' | 'error' | 'signed_out';
  pending: number;
  rejected: number;
  lastSyncAt: string | null;
  lastError: { code: string; message: string } | null;
  /** Epoch ms of the next automatic retry after a failure, or null. */
  nextRetryAt: number | null;
  /** Mutations pushed so far in the running sync. */
  progress: { sent: number; total: number } | null;
  /** Pulled rows skipped because they failed their schema, since the engine started. */
  invalidRows: number;
}

export const INITIAL_STATUS: SyncStatus = {
  phase: 'idle',
  pending: 0,
  rejected: 0,
  lastSyncAt: null,
  lastError: null,
  nextRetryAt: null,
  progress: null,
  invalidRows: 0,
};
