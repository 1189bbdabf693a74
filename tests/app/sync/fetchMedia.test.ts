import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediaRef } from '../../../src/core/forms/answersSchema';
import { createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const ref: MediaRef = { sha256: 'a'.repeat(64), name: 'photo.jpg', type: 'image/jpeg', size: 10 };
const downloads = () => h.server.requests.filter((r) => r.path.startsWith('/api/media/')).length;

describe('downloading a file on demand', () => {
  it('honours Retry-After: no request until the wait is over, then asks again', async () => {
    h.server.faults.push({ kind: 'status', status: 429, code: 'rate_limited', retryAfter: '30' });
    expect(await h.engine.fetchMedia(ref)).toEqual({ kind: 'offline' });
    expect(downloads()).toBe(1);

    // A reviewer scrolling on, or pressing retry, does not hammer the server meanwhile.
    h.now.value += 29_000;
    expect(await h.engine.fetchMedia(ref)).toEqual({ kind: 'offline' });
    expect(await h.engine.fetchMedia({ ...ref, sha256: 'b'.repeat(64) })).toEqual({ kind: 'offline' });
    expect(downloads()).toBe(1);

    // The fake server has no such file: asked again, it says so.
    h.now.value += 1_000;
    expect(await h.engine.fetchMedia(ref)).toEqual({ kind: 'missing' });
    expect(downloads()).toBe(2);
  });
});
