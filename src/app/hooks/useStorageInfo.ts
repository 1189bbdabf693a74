import { useEffect, useState } from 'react';
import { storageInfo, type StorageInfo } from '../pwa/storage';

/** Storage used and available for this site, read once on mount. */
export function useStorageInfo(): StorageInfo | null {
  const [info, setInfo] = useState<StorageInfo | null>(null);
  useEffect(() => {
    let live = true;
    void storageInfo().then((value) => live && setInfo(value));
    return () => {
      live = false;
    };
  }, []);
  return info;
}
