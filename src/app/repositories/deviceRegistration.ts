import type { TerrainDb } from '../db/TerrainDb';
import { getSyncMeta } from './syncMeta';

export type DeviceRegistration = 'registered' | 'unregistered' | 'refused';

/**
 * Whether the server knows this device's key (src/app/sync/deviceKey.ts): until it does, an export file of
 * this device waits for the device's first connection; `refused` when the server turned the key down for
 * good (a revoked device, another key).
 */
export async function deviceRegistration(db: TerrainDb): Promise<DeviceRegistration> {
  const meta = await getSyncMeta(db);
  if (meta.deviceKeyRegisteredAt !== undefined) return 'registered';
  return meta.deviceKeyRefusal ? 'refused' : 'unregistered';
}
