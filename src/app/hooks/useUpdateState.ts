import { useSyncExternalStore } from 'react';
import { getUpdateState, subscribeToUpdates, type UpdateState } from '../pwa/update';

/** Whether a new version of the app waits, or the app just became ready to work offline. */
export function useUpdateState(): UpdateState {
  return useSyncExternalStore(subscribeToUpdates, getUpdateState);
}
