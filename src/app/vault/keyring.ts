import { Dexie, type Table } from 'dexie';
import type { KdfParams } from './keys';

/**
 * What the device keeps to unlock a user's data, one row per user who signed in on it, in a database of its
 * own (`terrain-vault`), readable before any user's database is open. It holds no key in clear: only the
 * data key wrapped under the password key and under the server's secret, the salt and iteration count of the
 * password's derivation, the idle time the server set, and the count of failed unlocks that throttles
 * guessing on this device.
 */
export interface KeyringEntry {
  userId: string;
  kdf: KdfParams;
  /** The data key wrapped by the key derived from the user's password (./keys.ts). */
  byPassword: Uint8Array<ArrayBuffer>;
  /** The data key wrapped by the server's per-user secret; absent when the server sent none. */
  bySecret?: Uint8Array<ArrayBuffer>;
  /** Minutes without use before the app locks (the server's setting at the last sign-in). */
  idleLockMinutes: number;
  /** Failed unlocks in a row, and the time (ms) before which no further attempt is made. */
  failures: number;
  retryAt: number;
  createdAt: string;
}

class KeyringDb extends Dexie {
  declare readonly keys: Table<KeyringEntry, string>;

  constructor() {
    super('terrain-vault');
    this.version(1).stores({ keys: 'userId' });
  }
}

let db: KeyringDb | null = null;

function keyring(): KeyringDb {
  db ??= new KeyringDb();
  return db;
}

export function readEntry(userId: string): Promise<KeyringEntry | undefined> {
  return keyring().keys.get(userId);
}

export async function writeEntry(entry: KeyringEntry): Promise<void> {
  await keyring().keys.put(entry);
}

export async function updateEntry(userId: string, changes: Partial<KeyringEntry>): Promise<void> {
  await keyring().keys.update(userId, changes);
}

/**
 * Counts an unlock attempt BEFORE the password is tried (and `forgiveAttempts` clears it after a success),
 * so that attempts started in parallel, in several tabs or by a script, are all counted, each pushing the
 * next allowed time further: `delay(failures)` after the n-th failure in a row. Returns the entry as it was.
 */
export function countAttempt(
  userId: string,
  now: number,
  delay: (failures: number) => number,
): Promise<KeyringEntry | undefined> {
  const keys = keyring().keys;
  return keyring().transaction('rw', keys, async () => {
    const entry = await keys.get(userId);
    if (!entry || entry.retryAt > now) return entry;
    const failures = entry.failures + 1;
    await keys.update(userId, { failures, retryAt: now + delay(failures) });
    return entry;
  });
}

export async function forgiveAttempts(userId: string): Promise<void> {
  await keyring().keys.update(userId, { failures: 0, retryAt: 0 });
}

/** Forgets a user's wrapped keys: their sealed data can never be opened again on this device. */
export async function deleteEntry(userId: string): Promise<void> {
  await keyring().keys.delete(userId);
}
