import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, WireMutation } from '../../src/core/sync/protocol';
import { seqMutationId } from '../../src/server/sync/push';
import { backends } from './backends';
import { newClientId, setupServer, submission, type TestServer } from './harness';

/** What a protocol 3 device sends: no mutationId, no clientId (the batch's). */
const wire = ({ mutationId: _id, clientId: _client, ...m }: Mutation): WireMutation => m;
const BAD = { answers: { household_size: 0, head_sex: 'dragon' } };

describe.each(backends)('push, protocol 3, on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('applies mutations without ids, names them by seq, and answers a replay exactly', async () => {
    const clientId = newClientId();
    const batch = [submission(clientId, 1), submission(clientId, 2, BAD), submission(clientId, 3)];
    const first = await server.push('agent', clientId, batch.map(wire), 3);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(first.body.results.every((r) => r.mutationId === undefined)).toBe(true);
    const kept = await server.storage.listRejected(clientId);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ mutationId: seqMutationId(clientId, 2), seq: 2, code: 'validation' });
    // The first response was lost: the rejection is found by seq and repeated, the others are duplicates.
    const again = await server.push('agent', clientId, batch.map(wire), 3);
    expect(again.body.results.map((r) => r.status)).toEqual(['duplicate', 'rejected', 'duplicate']);
    expect(again.body.results[1]).toEqual(first.body.results[1]);
    const ids = (await server.pullAll('agent')).map((c) => c.id);
    expect(ids.filter((id) => id === batch[0]!.id)).toHaveLength(1);
  });

  it('finds a rejection made under protocol 2 when the updated app replays the seq', async () => {
    const clientId = newClientId();
    const batch = [submission(clientId, 1, BAD), submission(clientId, 2)];
    const old = await server.push('agent', clientId, batch, 2);
    expect(old.body.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    const replay = await server.push('agent', clientId, batch.map(wire), 3);
    expect(replay.body.results.map((r) => r.status)).toEqual(['rejected', 'duplicate']);
  });

  it('still requires the mutationId and the clientId before protocol 3', async () => {
    const clientId = newClientId();
    const noId = await server.push('agent', clientId, [wire(submission(clientId, 1))], 2);
    expect(noId.status).toBe(400);
    const otherClient = await server.push(
      'agent',
      clientId,
      [{ ...wire(submission(clientId, 1)), clientId: newClientId() }],
      3,
    );
    expect(otherClient.status).toBe(400);
  });

  it('makes a valid, stable UUID of a seq', () => {
    expect(seqMutationId('client-a', 7)).toBe(seqMutationId('client-a', 7));
    expect(seqMutationId('client-a', 7)).not.toBe(seqMutationId('client-a', 8));
    expect(seqMutationId('client-a', 7)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
