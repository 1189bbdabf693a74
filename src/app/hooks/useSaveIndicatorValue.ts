import { useCallback } from 'react';
import {
  saveIndicatorValue,
  type IndicatorValueChange,
  type IndicatorValueIdentity,
} from '../repositories/indicatorValues';
import { useSignedIn } from './useSignedIn';

/** Saves an indicator value or its review on the device as the signed-in user, then starts a sync. */
export function useSaveIndicatorValue() {
  const { db, engine, session } = useSignedIn();
  const role = session.user.role;
  return useCallback(
    async (identity: IndicatorValueIdentity, change: IndicatorValueChange) => {
      await saveIndicatorValue(db, identity, change, role);
      void engine.syncNow();
    },
    [db, engine, role],
  );
}
