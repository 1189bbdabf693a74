import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app';
import type { Storage } from '../../../src/server/storage/Storage';
import { backends } from '../backends';

/**
 * SQLite syncs its commits off the event loop (storage/sqliteCommits.ts): another request may read a commit
 * before it is on disk. No answer may leave before that, or a pull could hand out a change (and its
 * server_seq) that a power cut takes back.
 */
describe('answers wait for the commits they may tell of to be durable', () => {
  const backend = backends[0]!;
  let storage: Storage;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ storage, cleanup } = await backend.create());
  });
  afterAll(async () => {
    await cleanup();
  });

  it('holds the answer until the storage says everything committed is durable', async () => {
    let release!: () => void;
    const pending = new Promise<void>((resolve) => (release = resolve));
    const waiting = Object.assign(Object.create(storage) as Storage, { durable: () => pending });
    const app = createApp({ storage: waiting });
    let answered = false;
    const answer = Promise.resolve(app.request('/api/health')).then((res) => {
      answered = true;
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    release();
    expect((await answer).status).toBe(200);
  });
});
