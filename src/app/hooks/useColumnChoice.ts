import { useCallback, useState } from 'react';

function read(key: string): string[] | null {
  try {
    const raw = localStorage.getItem(key);
    const value: unknown = raw === null ? null : JSON.parse(raw);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
}

/**
 * The columns a user picked for a form's data table, kept on this device (localStorage) per form; null
 * until they pick. Not useStoredState: sharing that hook with the fill page would split it into a chunk of
 * its own on the field agent's start path (bytes counted against the 170 KB budget).
 */
export function useColumnChoice(
  projectId: string,
  formId: string,
): [string[] | null, (keys: string[]) => void] {
  const key = `terrain.tableColumns.${projectId}/${formId}`;
  const [state, setState] = useState(() => ({ key, value: read(key) }));
  const value = state.key === key ? state.value : read(key);
  const set = useCallback(
    (keys: string[]) => {
      try {
        localStorage.setItem(key, JSON.stringify(keys));
      } catch {
        // Not remembered (private mode, storage full); the table still changes.
      }
      setState({ key, value: keys });
    },
    [key],
  );
  return [value, set];
}
