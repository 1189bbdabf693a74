import { useLiveQuery } from 'dexie-react-hooks';
import { getSyncMeta } from '../repositories/syncMeta';
import { useSignedIn } from './useSignedIn';

/**
 * Whether the server knows this device's key (src/app/sync/deviceKey.ts): until it does, an export file of
 * this device can be imported only by an operator. Undefined while loading.
 */
export function useDeviceRegistered(): boolean | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(async () => (await getSyncMeta(db)).deviceKeyRegisteredAt !== undefined, [db]);
}
