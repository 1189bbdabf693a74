/**
 * Waits for `work` (Web Crypto, a Blob's bytes: anything that is not IndexedDB) without letting the
 * transaction `trans` commit meanwhile.
 *
 * IndexedDB commits a transaction as soon as control returns to the event loop with no request pending, so
 * a transaction that awaited crypto.subtle would be committed under the feet of the code still writing into
 * it: the record and its outbox entry (GUIDE §1) would no longer be atomic. This is the technique of
 * `Dexie.waitFor` (which needs Dexie's zone, absent at this level): keep one cheap request in flight on the
 * transaction until the work settles, and settle from inside that request's success event, while the
 * transaction is still active, so the caller's next request joins the same transaction.
 *
 * `trans` is the IDBTransaction Dexie's DBCore hands to each request.
 */
/**
 * The native Promise, taken when this module loads: inside a Dexie transaction, Dexie swaps the global
 * `Promise` for its own zone-tracking one, whose bookkeeping on every callback cost more than the crypto
 * itself when a batch of hundreds of rows is sealed. (The crypto also runs outside Dexie's zone:
 * middleware.ts, Dexie.ignoreTransaction.)
 */
export const NativePromise = Promise;

export function keepAlive<T>(trans: unknown, work: Promise<T>): Promise<T> {
  const idb = trans as IDBTransaction;
  let outcome: { value: T } | { error: unknown } | null = null;
  return new NativePromise<T>((resolve, reject) => {
    work.then(
      (value) => {
        outcome = { value };
      },
      (error: unknown) => {
        outcome = { error };
      },
    );
    const spin = (store: IDBObjectStore) => {
      if (outcome) {
        if ('value' in outcome) resolve(outcome.value);
        else reject(outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error)));
        return;
      }
      const request = store.count(-Infinity);
      request.onsuccess = () => spin(store);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    };
    try {
      spin(idb.objectStore(idb.objectStoreNames[0]!));
    } catch {
      // The transaction is over (a read-only one whose last request has answered): nothing to keep open.
      work.then(resolve, reject);
    }
  });
}
