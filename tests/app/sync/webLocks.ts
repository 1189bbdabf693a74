/**
 * The Web Locks API (`navigator.locks.request`) as browsers implement it, for Node, which has none:
 * exclusive locks by name, granted in request order; `ifAvailable` calls back with null instead of waiting
 * when the lock is held or others already wait; `signal` aborts a request still waiting, rejecting it
 * with an AbortError; the lock is released when the callback's promise settles (fulfilled or rejected),
 * and passes to the next request in line. One instance plays one browser profile: all its tabs share it.
 */
export class FakeLockManager {
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, (() => void)[]>();
  /** Names and moments, to check that two holders never overlap. */
  readonly log: { name: string; event: 'granted' | 'released' }[] = [];

  request<T>(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: { name: string; mode: 'exclusive' } | null) => Promise<T> | T,
  ): Promise<T> {
    const { ifAvailable = false, signal } = options;
    if (signal?.aborted) return Promise.reject(abortError());
    const queue = this.queues.get(name) ?? [];
    this.queues.set(name, queue);
    const free = !this.held.has(name) && queue.length === 0;
    if (!free && ifAvailable) return Promise.resolve().then(() => callback(null));
    const granted = free
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const grant = () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          };
          const onAbort = () => {
            const i = queue.indexOf(grant);
            if (i >= 0) queue.splice(i, 1);
            reject(abortError());
          };
          signal?.addEventListener('abort', onAbort, { once: true });
          queue.push(grant);
        });
    if (free) this.held.add(name);
    return granted.then(async () => {
      this.log.push({ name, event: 'granted' });
      try {
        return await callback({ name, mode: 'exclusive' });
      } finally {
        this.log.push({ name, event: 'released' });
        const next = queue.shift();
        // Handed straight to the next in line, or freed.
        if (next) next();
        else this.held.delete(name);
      }
    });
  }
}

function abortError(): DOMException {
  return new DOMException('The lock request was aborted.', 'AbortError');
}
