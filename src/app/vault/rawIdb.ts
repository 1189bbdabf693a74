/**
 * IndexedDB as it is, below Dexie: for the vault's own fields of a user's database (the server's envelopes,
 * ./serverSeal.ts), which are read and sent without the user's data key, so without the sealing middleware.
 */

export function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

export function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/**
 * Opens an existing database at its current version, never creating or upgrading one: null when there is
 * none by that name (the open that would create it is aborted), or when it is being deleted or upgraded.
 */
export function openExisting(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    const request = indexedDB.open(name);
    let created = false;
    request.onupgradeneeded = () => {
      created = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => {
      const db = request.result;
      // Let a deletion or an upgrade by the app go ahead: this reader steps aside.
      db.onversionchange = () => db.close();
      if (created) {
        db.close();
        resolve(null);
      } else resolve(db);
    };
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
}

/** The app's own databases, which hold no user's data. */
const SHARED_DATABASES = new Set(['terrain-vault', 'terrain-session']);

/** The names of the users' databases on this browser (`terrain-<userId>`). */
export async function userDatabases(): Promise<string[]> {
  const all = (await indexedDB.databases?.().catch(() => undefined)) ?? [];
  return all
    .map((d) => d.name ?? '')
    .filter((name) => name.startsWith('terrain-') && !SHARED_DATABASES.has(name));
}
