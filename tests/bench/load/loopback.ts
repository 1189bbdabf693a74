/** The load harness talks to 127.0.0.1 only: a typo must never aim it at a real server. */
export function assertLoopback(hostOrUrl: string): void {
  const host = hostOrUrl.includes('://') ? new URL(hostOrUrl).hostname : hostOrUrl;
  if (host !== '127.0.0.1')
    throw new Error(`The load harness binds and connects to 127.0.0.1 only, not ${host}`);
}
