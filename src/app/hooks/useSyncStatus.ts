import { useEffect, useState } from 'react';
import type { SyncEngine } from '../sync/SyncEngine';
import type { SyncStatus } from '../sync/status';

/** The engine's status, kept current by subscribing while mounted. */
export function useSyncStatus(engine: SyncEngine): SyncStatus {
  const [status, setStatus] = useState<SyncStatus>(() => engine.getStatus());
  useEffect(() => {
    setStatus(engine.getStatus());
    const unsubscribe = engine.subscribe(() => setStatus(engine.getStatus()));
    return unsubscribe;
  }, [engine]);
  return status;
}
