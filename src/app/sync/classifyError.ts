import { ApiError, NetworkError } from '../api/errors';
import type { SyncStatus } from './status';

export interface SyncFailure {
  phase: Extract<SyncStatus['phase'], 'offline' | 'error' | 'signed_out'>;
  code: string;
  message: string;
  /** Retry on the backoff schedule (the request may succeed unchanged later). */
  retry: boolean;
  retryAfterMs: number | null;
}

/**
 * What a failed sync means for the user:
 * - no answer at all → offline, retried (and retried at once on the `online` event);
 * - 408 / 429 / 5xx → error, retried with backoff, honouring Retry-After;
 * - 401 → signed out: local data is kept, the UI asks to sign in again;
 * - any other refusal → error, not retried on the backoff schedule (the periodic sync still runs).
 */
export function classifyError(error: unknown): SyncFailure {
  if (error instanceof NetworkError) {
    return { phase: 'offline', code: 'network', message: error.message, retry: true, retryAfterMs: null };
  }
  if (error instanceof ApiError) {
    if (error.status === 401) {
      return {
        phase: 'signed_out',
        code: error.code,
        message: error.message,
        retry: false,
        retryAfterMs: null,
      };
    }
    return {
      phase: 'error',
      code: error.code,
      message: error.message,
      retry: error.transient,
      retryAfterMs: error.retryAfterMs,
    };
  }
  // A local failure (IndexedDB quota, a bug): surfaced, and tried again on the next periodic sync.
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error ? error.name : 'unknown';
  return { phase: 'error', code, message, retry: false, retryAfterMs: null };
}
