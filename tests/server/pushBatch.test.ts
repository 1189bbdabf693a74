import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formVersionKey } from '../../src/core/records/formVersion';
import { PushRequest } from '../../src/core/sync/protocol';
import { DEMO_FORM, DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { createStorage } from '../../src/server/storage/createStorage';
import type { Storage, StorageTx } from '../../src/server/storage/Storage';
import { push } from '../../src/server/sync/push';
import { backends, TEST_DATABASE_URL } from './backends';
import { newClientId, setupServer, submission, type TestServer } from './harness';

/** What a push writes as one batch (reads once, writes at the end) behaves as one mutation at a time did. */
describe.each(backends)('push batches on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  const applied = (results: { status: string; serverSeq?: number }[]) =>
    results.filter((r) => r.status === 'applied').map((r) => r.serverSeq!);

  it('gives a batch consecutive server_seqs in mutation order, and pull serves it in that order', async () => {
    const clientId = newClientId();
    const batch = Array.from({ length: 30 }, (_, i) => submission(clientId, i + 1));
    const { body } = await server.push('agent', clientId, batch);
    const seqs = applied(body.results);
    expect(seqs).toHaveLength(30);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    const pulled = (await server.pull('admin', seqs[0]! - 1, 30)).changes.map((c) => c.id);
    expect(pulled).toEqual(batch.map((m) => m.id));
    const audit = await server.storage.listAudit(10_000);
    const ids = new Set(batch.map((m) => m.id));
    expect(audit.filter((e) => e.action === 'submission.create' && ids.has(e.recordId!))).toHaveLength(30);
  });

  it('sees, within one batch, a submission queued earlier in it', async () => {
    const clientId = newClientId();
    const original = submission(clientId, 1);
    const same = { ...submission(clientId, 2, { id: original.id }), fields: original.fields };
    const changed = submission(clientId, 3, { id: original.id, answers: { household_size: 9 } });
    const { body } = await server.push('agent', clientId, [original, same, changed]);
    expect(body.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
      'applied',
      'duplicate',
      'immutable',
    ]);
    expect(body.lastSeq).toBe(3);
  });

  it('keeps the first rejection of a mutationId sent twice in one batch', async () => {
    const clientId = newClientId();
    const bad = submission(clientId, 1, { answers: { head_sex: 'dragon' } });
    const { body } = await server.push('agent', clientId, [bad, { ...bad, seq: 2 }]);
    expect(body.results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const kept = await server.storage.listRejected(clientId);
    expect(kept.map((r) => r.seq)).toEqual([1]);
  });

  it('leaves nothing of a batch whose writes fail, so the device can send it again', async () => {
    const clientId = newClientId();
    const batch = [submission(clientId, 1), submission(clientId, 2, { answers: { head_sex: 'dragon' } })];
    const user = (await server.storage.userByUsername('agent'))!;
    const failing: Storage = Object.create(server.storage) as Storage;
    failing.transaction = (fn) =>
      server.storage.transaction((tx) => {
        const broken: StorageTx = Object.create(tx) as StorageTx;
        broken.insertNewEntities = () => Promise.reject(new Error('disk unplugged'));
        return fn(broken);
      });
    const request = PushRequest.parse({ clientId, mutations: batch });
    await expect(push(failing, user, request, server.clock.now)).rejects.toThrow('disk unplugged');
    expect(await server.storage.listRejected(clientId)).toEqual([]);
    const audit = await server.storage.listAudit(10_000);
    expect(audit.some((e) => e.recordId === batch[0]!.id)).toBe(false);
    const { body } = await server.push('agent', clientId, batch);
    expect(body.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
  });

  it('validates against the form as it is now, even after it was cached', async () => {
    const clientId = newClientId();
    const { body: before } = await server.push('agent', clientId, [submission(clientId, 1)]);
    expect(before.results[0]?.status).toBe('applied');
    const key = formVersionKey(DEMO_PROJECT.id, DEMO_FORM.id, DEMO_FORM.version);
    const form = await server.storage.getEntity('forms', key);
    // Withdrawn by a write that is not a publish: the cached validator must not outlive it.
    await server.storage.transaction((tx) =>
      tx.putEntity({ ...form!, data: {}, deleted: true, hlc: form!.hlc, updatedAt: form!.updatedAt }),
    );
    try {
      const { body } = await server.push('agent', clientId, [submission(clientId, 2)]);
      expect(body.results[0]).toMatchObject({ status: 'rejected', code: 'unknown_form' });
    } finally {
      await server.storage.transaction((tx) => tx.putEntity({ ...form!, data: form!.data! }));
    }
    const { body: after } = await server.push('agent', clientId, [submission(clientId, 3)]);
    expect(after.results[0]?.status).toBe('applied');
  });

  it('refuses to insert over an existing entity and takes no server_seq for it', async () => {
    const clientId = newClientId();
    const m = submission(clientId, 1);
    await server.push('agent', clientId, [m]);
    const stored = await server.storage.getEntity('submissions', m.id);
    const write = { ...stored!, data: { ...stored!.data, projectId: DEMO_PROJECT.id } };
    await expect(server.storage.transaction((tx) => tx.insertNewEntities([write]))).rejects.toThrow(
      'written concurrently',
    );
    expect(await server.storage.getEntity('submissions', m.id)).toEqual(stored);
    const next = submission(clientId, 2);
    const { body } = await server.push('agent', clientId, [next]);
    expect(body.results[0]).toMatchObject({ status: 'applied', serverSeq: stored!.serverSeq + 1 });
  });
});

describe.runIf(backends.some((b) => b.name === 'postgres'))('migrations on postgres', () => {
  it('migrates its own schema when another schema of the database holds migration tables', async () => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const decoy = `t_${randomBytes(6).toString('hex')}`;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const storage = createStorage({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
    try {
      await admin.query(`create schema ${decoy}`);
      await admin.query(`create table ${decoy}.kysely_migration (name text)`);
      await admin.query(`create table ${decoy}.kysely_migration_lock (id text)`);
      await storage.migrate();
      expect(await storage.countUsers()).toBe(0);
    } finally {
      await storage.close();
      await admin.query(`drop schema if exists ${decoy} cascade`);
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  });
});
