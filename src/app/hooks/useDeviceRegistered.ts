import { useLiveQuery } from 'dexie-react-hooks';
import { deviceRegistration, type DeviceRegistration } from '../repositories/deviceRegistration';
import { useSignedIn } from './useSignedIn';

/** Whether the server knows this device's key, for the export page; undefined while loading. */
export function useDeviceRegistered(): DeviceRegistration | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => deviceRegistration(db), [db]);
}
