import { useEffect, useState } from 'react';

type Loader = () => Promise<unknown>;
type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

const settled = new WeakMap<Loader, Settled>();

/** Loads `load`'s module (once) and keeps its outcome for `useModule`. */
export function settleModule(load: Loader): Promise<void> {
  if (settled.has(load)) return Promise.resolve();
  return load().then(
    (value) => void settled.set(load, { ok: true, value }),
    (error: unknown) => void settled.set(load, { ok: false, error }),
  );
}

/**
 * What `load` (a module-level constant: `() => import('…')`) resolves to, or null while it loads.
 *
 * React.lazy under Suspense would do, but React holds a boundary's content back for 300 ms after it showed
 * the fallback (its "throttled reveal"), even when the chunk was preloaded and arrives a few milliseconds
 * later: on a new user's first screen that was a tenth of the sign-in time (issue 14). Here the page shows
 * as soon as its module is there. A failed load is thrown at render, as React.lazy does.
 */
export function useModule<T>(load: (() => Promise<T>) | null): T | null {
  const [, rerender] = useState(0);
  const known = load ? settled.get(load) : undefined;
  useEffect(() => {
    if (!load || settled.has(load)) return;
    let live = true;
    void settleModule(load).then(() => {
      if (live) rerender((n) => n + 1);
    });
    return () => {
      live = false;
    };
  }, [load]);
  if (!known) return null;
  if (!known.ok) throw known.error;
  return known.value as T;
}
