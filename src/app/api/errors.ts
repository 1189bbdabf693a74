import { isTransientStatus } from '../../core/sync/transient';

/** The server answered with a non-2xx status (or a 2xx body that does not match the protocol). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** From `Retry-After`, when the server sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Worth retrying unchanged later (408, 429, 5xx). */
  get transient(): boolean {
    return isTransientStatus(this.status);
  }
}

/** The request never got an answer: offline, DNS, connection reset, or the response was cut off. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : 'Network request failed', { cause });
    this.name = 'NetworkError';
  }
}
