import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useState } from 'react';
import { unsentState, type UnsentState } from '../vault/erase';
import { useApp } from './useApp';
import { useSignedIn } from './useSignedIn';

/**
 * "Remove my data from this device": what the device holds that the server does not (live), whether it was
 * exported since it last changed (`exported`, the fingerprint taken before the export), and the removal,
 * which refuses while unsent data was not exported.
 */
export function useRemoveMyData(exported: string | null): {
  unsent: UnsentState | undefined;
  allowed: boolean;
  remove: () => Promise<boolean>;
  refused: boolean;
} {
  const { db } = useSignedIn();
  const { removeMyData } = useApp();
  const unsent = useLiveQuery(() => unsentState(db), [db]);
  const [refused, setRefused] = useState(false);
  const remove = useCallback(async () => {
    const done = await removeMyData(exported);
    setRefused(!done);
    return done;
  }, [removeMyData, exported]);
  const allowed = unsent !== undefined && (unsent.count === 0 || unsent.fingerprint === exported);
  return { unsent, allowed, remove, refused };
}
