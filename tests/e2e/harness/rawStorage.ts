import type { Page } from 'playwright-core';

/**
 * Everything the origin stores, read raw as any script or devtools on it could: every object store of every
 * IndexedDB database (values as text, bytes and Blobs included) and every Cache Storage entry (URL and body).
 * For a search of a marker string: the vault (src/app/vault) must leave none in clear.
 */
export function readRawStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const texts: string[] = [];
    const latin1 = new TextDecoder('latin1');
    const walk = async (value: unknown): Promise<void> => {
      if (value instanceof Blob) texts.push(latin1.decode(await value.arrayBuffer()));
      else if (value instanceof ArrayBuffer) texts.push(latin1.decode(value));
      else if (ArrayBuffer.isView(value)) texts.push(latin1.decode(value));
      else if (typeof value === 'object' && value !== null)
        for (const [key, v] of Object.entries(value)) {
          texts.push(key);
          await walk(v);
        }
      else texts.push(String(value));
    };
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
      });
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      texts.push(`# database ${name}`);
      const db = await request(indexedDB.open(name));
      for (const store of Array.from(db.objectStoreNames)) {
        const tx = db.transaction(store, 'readonly');
        await walk(await request(tx.objectStore(store).getAllKeys()));
        await walk(await request(tx.objectStore(store).getAll()));
      }
      db.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const entry of await cache.keys()) {
        texts.push(entry.url);
        const response = await cache.match(entry);
        if (response) texts.push(latin1.decode(await response.arrayBuffer()));
      }
    }
    return texts.join('\n');
  });
}
