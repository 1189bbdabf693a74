import { describe, expect, it } from 'vitest';
import { CURRENT_KEY_ID, currentServerKey, serverKey } from '../../../src/server/sealed/serverKey';
import type { StorageOps } from '../../../src/server/storage/Storage';

type KeyRow = { id: string; publicKey: string; privateKey: string; createdAt: string };

/** The server key store alone, in memory, whose next read can be made to fail (a database out a moment). */
function keyStore() {
  const rows = new Map<string, KeyRow>();
  const state = { failNextRead: false, reads: 0 };
  const storage = {
    serverKeys: {
      get: (id: string): Promise<KeyRow | undefined> => {
        state.reads += 1;
        if (!state.failNextRead) return Promise.resolve(rows.get(id));
        state.failNextRead = false;
        return Promise.reject(new Error('connection lost'));
      },
      insertIfMissing: (row: KeyRow): Promise<void> => {
        if (!rows.has(row.id)) rows.set(row.id, row);
        return Promise.resolve();
      },
    },
  } as unknown as StorageOps;
  return { storage, state };
}

describe('the server key cache', () => {
  it('forgets a failed read, so the next request reads again instead of failing until a restart', async () => {
    const { storage, state } = keyStore();
    const made = await currentServerKey(storage, new Date('2026-12-06T08:00:00Z'));
    const other = keyStore();
    other.state.failNextRead = true;
    await expect(serverKey(other.storage, CURRENT_KEY_ID)).rejects.toThrow('connection lost');
    // The failed read is not kept: the next one asks the store again.
    expect(await serverKey(other.storage, CURRENT_KEY_ID)).toBeUndefined();
    expect(other.state.reads).toBe(2);
    // A found key is kept: no further read.
    const reads = state.reads;
    expect((await serverKey(storage, CURRENT_KEY_ID))?.publicKey).toEqual(made.publicKey);
    expect(state.reads).toBe(reads);
  });
});
