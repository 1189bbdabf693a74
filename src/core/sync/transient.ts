/**
 * Errors worth retrying later: the request may succeed unchanged. Apart from errors.ts (zod schemas) so
 * that the sign-in page, which tells these apart, loads no validation library before it is used.
 */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
