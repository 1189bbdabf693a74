export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 5 * 60 * 1000;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): a random
 * delay in [0, min(cap, base·2^attempt)). Full jitter spreads the retries of a whole fleet of tablets that
 * lost the network at the same moment, so they do not hit the server in waves when it comes back.
 * A server's Retry-After wins when it asks for longer.
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  retryAfterMs: number | null = null,
): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 30));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}
