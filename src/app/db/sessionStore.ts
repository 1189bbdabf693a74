import { committed } from '../vault/rawIdb';
import type { Session } from './sessionSchema';

export type { Session };

/**
 * The signed-in session, kept in its own small database so it survives offline reloads: an agent days away
 * from network must reopen the app and keep collecting. An expired session is still returned; the server
 * answers 401 on the next sync and the UI asks to sign in again, while local work goes on.
 *
 * Its schema is loaded only where a session is read or written: a new user's sign-in page has none to
 * check, and so carries no validation library (issue 14, first load).
 */
const schema = () => import('./sessionSchema').then((m) => m.Session);

interface SessionRow {
  key: 'current';
  session: Session;
}

/**
 * IndexedDB as it is, no Dexie: the session is read before the first screen, and a signed-out user's first
 * load (the sign-in page) should not wait for Dexie. The database is the one Dexie made before (`version(1)`
 * is IndexedDB's version 10, one store `session` keyed by `key`), so a session saved then still opens.
 */
const NAME = 'terrain-session';
const VERSION = 10;
const STORE = 'session';

let opening: Promise<IDBDatabase> | null = null;

function sessionDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(NAME, VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE))
        request.result.createObjectStore(STORE, { keyPath: 'key' });
    };
    request.onsuccess = () => {
      const db = request.result;
      // A deletion of the database (a test, a browser's "clear data") goes ahead; the next use opens again.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, ask: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const tx = (await sessionDb()).transaction(STORE, mode);
  const request = ask(tx.objectStore(STORE));
  await committed(tx);
  return request.result;
}

export async function loadSession(): Promise<Session | null> {
  const row = (await run('readonly', (store) => store.get('current'))) as SessionRow | undefined;
  if (!row) return null;
  // A stored row from an older build that no longer parses is treated as signed out, not as a crash.
  const parsed = (await schema()).safeParse(row.session);
  return parsed.success ? parsed.data : null;
}

export async function saveSession(session: Session): Promise<void> {
  const row: SessionRow = { key: 'current', session: (await schema()).parse(session) };
  await run('readwrite', (store) => store.put(row));
}

export async function clearSession(): Promise<void> {
  await run('readwrite', (store) => store.delete('current'));
}
