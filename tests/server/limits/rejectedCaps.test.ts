import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../../src/core/sync/protocol';
import { DEFAULT_LIMITS, type ServerLimits } from '../../../src/server/limits/config';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';

/**
 * Hole 7 of issue 11: refused changes were stored whole, forever. A payload over the size cap is kept as its
 * size and SHA-256; past a number of stored rejections per device or per user, payloads are no longer kept.
 * The row (code, message) always is: a replayed seq is still answered `rejected` with them.
 */
const LIMITS: ServerLimits = {
  ...DEFAULT_LIMITS,
  rate: null,
  rejected: { maxPayloadBytes: 4096, perDevice: 3, perUser: 5 },
};

/** A submission of a form version the server does not have: refused `unknown_form`, about `size` bytes. */
function refused(clientId: string, seq: number, size = 100): Mutation {
  return submission(clientId, seq, {
    fields: { formVersion: '1999-01-01' },
    answers: { note: 'x'.repeat(size) },
  });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(backends)('what the server keeps of refused changes ($name)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend, { limits: LIMITS });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('keeps a payload over the size cap as its size and SHA-256, and still answers a replay', async () => {
    const clientId = newClientId();
    const small = refused(clientId, 1);
    const large = refused(clientId, 2, 10_000);
    const first = await server.push('agent', clientId, [small, large], 1);
    expect(first.body.results.map((r) => r.status)).toEqual(['rejected', 'rejected']);

    const stored = new Map((await server.storage.listRejected(clientId)).map((r) => [r.seq, r]));
    expect(stored.get(1)?.payload).toEqual(small);
    const text = JSON.stringify(large);
    expect(stored.get(2)?.payload).toEqual({
      omitted: 'too_large',
      table: 'submissions',
      id: large.id,
      op: 'put',
      seq: 2,
      hlc: large.hlc,
      bytes: Buffer.byteLength(text),
      sha256: sha256(text),
    });

    const again = await server.push('agent', clientId, [small, large], 1);
    expect(again.body.results).toEqual(first.body.results);
  });

  it('past the count of stored rejections of a device, then of its user, keeps no more payloads', async () => {
    const one = newClientId();
    const batch = [1, 2, 3, 4].map((seq) => refused(one, seq));
    const first = await server.push('agent2', one, batch);
    expect(first.body.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    const kept = (await server.storage.listRejected(one)).sort((a, b) => a.seq - b.seq);
    expect(kept.map((r) => (r.payload as { omitted?: string }).omitted ?? 'whole')).toEqual([
      'whole',
      'whole',
      'whole',
      'device_cap',
    ]);
    expect(kept[3]!.payload).toMatchObject({ seq: 4, bytes: Buffer.byteLength(JSON.stringify(batch[3])) });
    // Every row keeps its code and message: the replay of the whole batch is answered as the first time.
    expect((await server.push('agent2', one, batch)).body.results).toEqual(first.body.results);

    // The same user's second device: 4 stored so far, so one more payload whole, then none.
    const two = newClientId();
    await server.push(
      'agent2',
      two,
      [1, 2].map((seq) => refused(two, seq)),
    );
    const second = (await server.storage.listRejected(two)).sort((a, b) => a.seq - b.seq);
    expect(second.map((r) => (r.payload as { omitted?: string }).omitted ?? 'whole')).toEqual([
      'whole',
      'user_cap',
    ]);
  });
});
