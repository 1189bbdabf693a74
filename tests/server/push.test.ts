import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponse } from '../../src/core/sync/protocol';
import { backends } from './backends';
import { newClientId, OTHER_PROJECT, setupServer, submission, type TestServer } from './harness';

describe.each(backends)('push on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('applies a batch and serves it back on pull', async () => {
    const clientId = newClientId();
    const batch = [submission(clientId, 1), submission(clientId, 2)];
    const { status, body } = await server.push('agent', clientId, batch);
    expect(status).toBe(200);
    const response = PushResponse.parse(body);
    expect(response.lastSeq).toBe(2);
    expect(response.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const ids = (await server.pullAll('agent')).filter((c) => c.table === 'submissions').map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(batch.map((m) => m.id)));
    const stored = await server.storage.transaction((tx) => tx.getEntity('submissions', batch[0]!.id));
    expect(stored?.data).toMatchObject({ id: batch[0]!.id, createdBy: expect.any(String) as string });
    const audit = await server.storage.listAudit(1000);
    expect(audit.filter((e) => e.action === 'submission.create' && e.recordId === batch[0]!.id)).toHaveLength(
      1,
    );
  });

  it('is idempotent: the same batch twice is stored once', async () => {
    const clientId = newClientId();
    const batch = [submission(clientId, 1), submission(clientId, 2), submission(clientId, 3)];
    const first = await server.push('agent', clientId, batch);
    const second = await server.push('agent', clientId, batch);
    expect(first.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(second.status).toBe(200);
    expect(second.body.lastSeq).toBe(3);
    expect(second.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const all = await server.pullAll('admin');
    for (const m of batch) expect(all.filter((c) => c.id === m.id)).toHaveLength(1);
  });

  it('applies only the new part of an overlapping batch', async () => {
    const clientId = newClientId();
    await server.push('agent', clientId, [submission(clientId, 1), submission(clientId, 2)]);
    const { body } = await server.push(
      'agent',
      clientId,
      [2, 3, 4].map((s) => submission(clientId, s)),
    );
    expect(body.results.map((r) => r.status)).toEqual(['duplicate', 'applied', 'applied']);
    expect(body.lastSeq).toBe(4);
  });

  it('refuses a gap with the expected seq', async () => {
    const clientId = newClientId();
    await server.push('agent', clientId, [submission(clientId, 1)]);
    const { status, body } = await server.push('agent', clientId, [submission(clientId, 3)]);
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: 'seq_gap', details: { expectedSeq: 2 } });
    const fresh = newClientId();
    const first = await server.push('agent', fresh, [submission(fresh, 5)]);
    expect(first.body.error).toMatchObject({ code: 'seq_gap', details: { expectedSeq: 1 } });
  });

  it('rejects an invalid mutation, keeps it with its payload, and applies the later ones', async () => {
    const clientId = newClientId();
    const bad = submission(clientId, 2, { answers: { household_size: 0, head_sex: 'dragon' } });
    const batch = [submission(clientId, 1), bad, submission(clientId, 3)];
    const { status, body } = await server.push('agent', clientId, batch);
    expect(status).toBe(200);
    expect(body.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    const rejected = body.results[1];
    expect(rejected).toMatchObject({ code: 'validation', seq: 2 });
    const paths = (rejected as { details: { path: string[] }[] }).details.map((d) => d.path[0]);
    expect(paths).toEqual(expect.arrayContaining(['household_size', 'head_sex']));
    expect(body.lastSeq).toBe(3);
    const kept = await server.storage.listRejected(clientId);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ mutationId: bad.mutationId, seq: 2, code: 'validation' });
    expect(kept[0]!.payload).toEqual(bad);
    // A replay (the first response was lost) repeats the rejection: `duplicate` would read as accepted.
    const again = await server.push('agent', clientId, batch);
    expect(again.body.results.map((r) => r.status)).toEqual(['duplicate', 'rejected', 'duplicate']);
    expect(again.body.results[1]).toEqual(rejected);
  });

  it('rejects bad fields, unknown forms, other tables and deletes', async () => {
    const clientId = newClientId();
    const batch = [
      submission(clientId, 1, { fields: { startedAt: 'yesterday' } }),
      submission(clientId, 2, { fields: { formVersion: '1999-01-01' } }),
      { ...submission(clientId, 3), table: 'users' },
      { ...submission(clientId, 4), op: 'delete' as const },
    ];
    const { body } = await server.push('agent', clientId, batch);
    expect(body.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
      'validation',
      'unknown_form',
      'unknown_table',
      'immutable',
    ]);
    expect(await server.storage.listRejected(clientId)).toHaveLength(4);
  });

  it('treats a resubmission as duplicate when identical and immutable when changed', async () => {
    const clientId = newClientId();
    const original = submission(clientId, 1);
    await server.push('agent', clientId, [original]);
    const same = { ...submission(clientId, 2, { id: original.id }), fields: original.fields };
    const changed = submission(clientId, 3, { id: original.id, answers: { household_size: 8 } });
    const { body } = await server.push('agent', clientId, [same, changed]);
    expect(body.results[0]?.status).toBe('duplicate');
    expect(body.results[1]).toMatchObject({ status: 'rejected', code: 'immutable' });
    // Another user cannot overwrite it either.
    const other = newClientId();
    const stolen = await server.push('agent2', other, [
      { ...submission(other, 1, { id: original.id }), fields: original.fields },
    ]);
    expect(stolen.body.results[0]).toMatchObject({ status: 'rejected', code: 'immutable' });
  });

  it('forbids writing into a project the user is not a member of, per mutation', async () => {
    const clientId = newClientId();
    const { body } = await server.push('outsider', clientId, [
      submission(clientId, 1),
      submission(clientId, 2, { fields: { projectId: 'no-such-project' } }),
    ]);
    expect(body.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
      'forbidden',
      'forbidden',
    ]);
    expect(body.lastSeq).toBe(2);
    // The demo form does not exist in the other project, even for an admin.
    const adminClient = newClientId();
    const admin = await server.push('admin', adminClient, [
      submission(adminClient, 1),
      submission(adminClient, 2, { fields: { projectId: OTHER_PROJECT } }),
    ]);
    expect(admin.body.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
      'applied',
      'unknown_form',
    ]);
  });

  it('applies a batch once when a retry races the original', async () => {
    const clientId = newClientId();
    const batch = [1, 2, 3].map((seq) => submission(clientId, seq));
    const [a, b] = await Promise.all([
      server.push('agent', clientId, batch),
      server.push('agent', clientId, batch),
    ]);
    const statuses = [...a.body.results, ...b.body.results].map((r) => r.status).sort();
    expect(statuses).toEqual(['applied', 'applied', 'applied', 'duplicate', 'duplicate', 'duplicate']);
    expect([a.body.lastSeq, b.body.lastSeq]).toEqual([3, 3]);
  });

  it("refuses another user's clientId", async () => {
    const clientId = newClientId();
    await server.push('agent', clientId, [submission(clientId, 1)]);
    const { status, body } = await server.push('agent2', clientId, [submission(clientId, 2)]);
    expect(status).toBe(403);
    expect(body.error?.code).toBe('forbidden');
  });

  it('validates the batch itself', async () => {
    const clientId = newClientId();
    const gapInBatch = await server.push('agent', clientId, [
      submission(clientId, 1),
      submission(clientId, 3),
    ]);
    expect(gapInBatch.status).toBe(400);
    expect(gapInBatch.body.error?.code).toBe('validation');
    const empty = await server.push('agent', clientId, []);
    expect(empty.status).toBe(400);
  });
});
