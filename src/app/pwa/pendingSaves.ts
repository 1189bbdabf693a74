/**
 * Draft saves waiting in a debounce. Before the app reloads for a new version, every one is flushed so no
 * answer typed in the last few hundred milliseconds is lost.
 */
type Flush = () => Promise<void>;

const flushes = new Set<Flush>();

export function registerPendingSave(flush: Flush): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

export async function flushPendingSaves(): Promise<void> {
  await Promise.allSettled([...flushes].map((flush) => flush()));
}
