import { useMemo, useSyncExternalStore } from 'react';
import { parseHash, subscribeToHash, type Route } from '../state/router';

/** The current hash route, updated on every `hashchange`. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribeToHash, () => window.location.hash);
  return useMemo(() => parseHash(hash), [hash]);
}
