import { useCallback, useState } from 'react';

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

/**
 * A small UI preference kept in localStorage under `key` (e.g. "one question per screen", the screen a
 * draft was left on). `null` removes it. Storage failures (private mode, full) only lose the preference.
 */
export function useStoredState<T>(key: string, fallback: T): [T, (value: T | null) => void] {
  const [state, setState] = useState<{ key: string; value: T }>(() => ({ key, value: read(key, fallback) }));
  const value = state.key === key ? state.value : read(key, fallback);
  const set = useCallback(
    (next: T | null) => {
      try {
        if (next === null) localStorage.removeItem(key);
        else localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Not remembered; the screen still changes.
      }
      setState({ key, value: next ?? fallback });
    },
    [key, fallback],
  );
  return [value, set];
}
