import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../src/core/hlc';
import type { Mutation } from '../../src/core/sync/protocol';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  ImportResponse,
  type ExportedMutation,
} from '../../src/core/sync/unsyncedExport';
import { backends } from './backends';
import { newDeviceKeys, registerDevice, sealFile } from './devices/deviceKeys';
import { newClientId, OTHER_PROJECT, setupServer, submission, type TestServer } from './harness';

/** Each test device's key pair, registered with the server the first time a file of it is made. */
const deviceKeys = new Map<string, CryptoKeyPair>();

/**
 * An export file as a device writes it, for `username`'s device `clientId`: signed with the device's key,
 * which is registered for `username` first (unless `register` is false).
 */
async function exportFile(
  server: TestServer,
  username: string,
  clientId: string,
  mutations: (Mutation | ExportedMutation)[],
  extra: Record<string, unknown> = {},
  { register = true }: { register?: boolean } = {},
): Promise<Record<string, unknown>> {
  const user = await server.storage.userByUsername(username);
  if (!user) throw new Error(`no ${username}`);
  let keys = deviceKeys.get(clientId);
  if (!keys) {
    keys = await newDeviceKeys();
    deviceKeys.set(clientId, keys);
    if (register) {
      const registered = await registerDevice(server, username, clientId, keys);
      expect(registered.status, JSON.stringify(registered.json)).toBe(201);
    }
  }
  const file: Record<string, unknown> = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: '2026-11-24T09:00:00.000Z',
    userId: user.id,
    username,
    clientId,
    mutations: mutations.map((m) => ('state' in m ? m : { ...m, state: 'pending' })),
    submissions: mutations.map((m) => ({ id: m.id, ...m.fields, syncState: 'pending' })),
    drafts: [{ id: 'draft-1', formId: 'household_survey', answers: { respondent_name: 'Awa' } }],
    media: [],
    ...extra,
  };
  return sealFile(file, keys.privateKey);
}

describe.each(backends)('import of export files on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function importAs(username: string, body: BodyInit) {
    const res = await server.request('/api/sync/import', {
      token: await server.login(username),
      body,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const json = (await res.json()) as unknown;
    return { status: res.status, json };
  }

  async function importOk(username: string, file: Record<string, unknown>): Promise<ImportResponse> {
    const { status, json } = await importAs(username, JSON.stringify(file));
    expect(status, JSON.stringify(json)).toBe(200);
    return ImportResponse.parse(json);
  }

  const submissionIds = async () =>
    (await server.pullAll('admin')).filter((c) => c.table === 'submissions').map((c) => c.id);

  it("applies an agent's file as the agent's push, audited as imported by the supervisor", async () => {
    const clientId = newClientId();
    const mutations = [1, 2, 3].map((seq) => submission(clientId, seq));
    const result = await importOk('supervisor', await exportFile(server, 'agent', clientId, mutations));

    expect(result).toMatchObject({ total: 3, applied: 3, duplicate: 0, rejected: 0, drafts: 1 });
    const agent = await server.storage.userByUsername('agent');
    const supervisor = await server.storage.userByUsername('supervisor');
    for (const m of mutations) {
      const stored = await server.storage.getEntity('submissions', m.id);
      expect(stored).toMatchObject({ createdBy: agent!.id, data: { createdBy: agent!.id } });
    }
    const audit = (await server.storage.listAudit(10_000)).filter((e) =>
      mutations.some((m) => m.id === e.recordId),
    );
    expect(audit.map((e) => [e.action, e.userId, e.onBehalfOf])).toEqual(
      mutations.map(() => ['submission.import', supervisor!.id, agent!.id]),
    );
    const [imported] = await server.storage.listAudit(1, { action: 'import.file' });
    expect(imported).toMatchObject({
      userId: supervisor!.id,
      onBehalfOf: agent!.id,
      recordId: clientId,
      details: { changes: 3, applied: 3, rejected: 0 },
    });
    // The agent sees them as their own on their next pull.
    const agentIds = (await server.pullAll('agent')).map((c) => c.id);
    expect(agentIds).toEqual(expect.arrayContaining(mutations.map((m) => m.id)));
  });

  it('changes nothing when the same file is imported twice, or after the device pushed', async () => {
    const clientId = newClientId();
    const mutations = [1, 2].map((seq) => submission(clientId, seq));
    const file = await exportFile(server, 'agent', clientId, mutations);
    await importOk('supervisor', file);
    const before = { ids: await submissionIds(), audit: (await server.storage.listAudit(100_000)).length };

    const again = await importOk('admin', file);
    expect(again).toMatchObject({ total: 2, applied: 0, duplicate: 2 });
    // The device itself syncs afterwards: its seqs are already processed.
    const device = await server.push('agent', clientId, mutations);
    expect(device.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await submissionIds()).toEqual(before.ids);
    // Only the imports themselves are recorded again, no change of any record.
    const added = (await server.storage.listAudit(100_000)).slice(0, -before.audit);
    expect(added.map((e) => e.action)).toEqual(['import.file']);

    // And the other way round: the device first, then its file.
    const other = newClientId();
    const batch = [1, 2].map((seq) => submission(other, seq));
    await server.push('agent', other, batch);
    const late = await importOk('supervisor', await exportFile(server, 'agent', other, batch));
    expect(late).toMatchObject({ applied: 0, duplicate: 2 });
  });

  it('applies only what the server lacks when the device synced part of the file', async () => {
    const clientId = newClientId();
    const mutations = [1, 2, 3, 4].map((seq) => submission(clientId, seq));
    await server.push('agent', clientId, mutations.slice(0, 2));
    const result = await importOk('supervisor', await exportFile(server, 'agent', clientId, mutations));
    expect(result.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'applied', 'applied']);
    const next = await server.push('agent', clientId, [submission(clientId, 5)]);
    expect(next.body.results[0]?.status).toBe('applied');
  });

  it('keeps rejected changes, answers them rejected again, and reads holes in the seqs', async () => {
    const clientId = newClientId();
    const bad = submission(clientId, 2, { answers: { household_size: 0 } });
    await server.push('agent', clientId, [submission(clientId, 1), bad, submission(clientId, 3)]);
    // The device still holds seq 2 (rejected, waiting for the user) and queued 4 and 5 since.
    const rejected: ExportedMutation = {
      ...bad,
      state: 'rejected',
      rejection: { code: 'validation', message: 'Invalid', at: '2026-11-24T08:30:00.000Z' },
    };
    const newBad = submission(clientId, 5, { fields: { formVersion: '1999-01-01' } });
    const file = await exportFile(server, 'agent', clientId, [rejected, submission(clientId, 4), newBad]);
    const result = await importOk('supervisor', file);
    expect(result.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
      'validation',
      'applied',
      'unknown_form',
    ]);
    expect(result).toMatchObject({ applied: 1, rejected: 2 });
    const kept = await server.storage.listRejected(clientId);
    expect(kept.map((r) => r.seq).sort()).toEqual([2, 5]);
    const agent = await server.storage.userByUsername('agent');
    expect(kept.every((r) => r.userId === agent!.id)).toBe(true);
    // Twice: the same answers, nothing new stored.
    const again = await importOk('supervisor', file);
    expect(again.results.map((r) => r.status)).toEqual(['rejected', 'duplicate', 'rejected']);
    expect(await server.storage.listRejected(clientId)).toHaveLength(2);
  });

  it('refuses a gap whole, applying nothing', async () => {
    const clientId = newClientId();
    await server.push('agent', clientId, [submission(clientId, 1)]);
    const later = [4, 5].map((seq) => submission(clientId, seq));
    const { status, json } = await importAs(
      'supervisor',
      JSON.stringify(await exportFile(server, 'agent', clientId, [submission(clientId, 2), ...later])),
    );
    // Seq 2 then 4: the run from 4 has a gap (3 is missing) once 2 is in.
    expect(status).toBe(409);
    expect(json).toMatchObject({ error: { code: 'seq_gap', details: { expectedSeq: 3 } } });
    const ids = await submissionIds();
    for (const m of later) expect(ids).not.toContain(m.id);
    // Nothing of the file was kept, not even the part before the gap.
    const next = await server.push('agent', clientId, [submission(clientId, 2)]);
    expect(next.body.results[0]?.status).toBe('applied');
  });

  it('accepts the file gzipped, as the browser writes it', async () => {
    const clientId = newClientId();
    const file = await exportFile(server, 'agent', clientId, [submission(clientId, 1)]);
    const { status, json } = await importAs('supervisor', gzipSync(JSON.stringify(file)));
    expect(status).toBe(200);
    expect(ImportResponse.parse(json).applied).toBe(1);
  });

  it('lets only supervisors of the projects concerned, and admins, import', async () => {
    const clientId = newClientId();
    const file = await exportFile(server, 'agent', clientId, [submission(clientId, 1)]);
    for (const username of ['agent', 'agent2', 'focal']) {
      const { status, json } = await importAs(username, JSON.stringify(file));
      expect(status).toBe(403);
      expect(json).toMatchObject({ error: { code: 'forbidden' } });
    }
    // The supervisor of the demo project is not a member of the other project.
    const outsiderClient = newClientId();
    const outsiderFile = await exportFile(server, 'outsider', outsiderClient, [
      submission(outsiderClient, 1, { fields: { projectId: OTHER_PROJECT } }),
    ]);
    const refused = await importAs('supervisor', JSON.stringify(outsiderFile));
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: { code: 'forbidden', details: { seq: 1 } } });
    // Refused whole: the outsider's seq is not burnt, their device's own push still applies.
    expect(await server.storage.listRejected(outsiderClient)).toEqual([]);
    // An admin may; the change itself is then judged as the outsider's push (no such form there).
    const byAdmin = await importOk('admin', outsiderFile);
    expect(byAdmin.results[0]).toMatchObject({ status: 'rejected', code: 'unknown_form' });
    expect(await importAs('admin', JSON.stringify(file))).toMatchObject({ status: 200 });
  });

  it("applies a change only if both the file's user and the importer may make it", async () => {
    // A supervisor of the demo project forges a file in the admin's name: edit another project, delete
    // their own (only admins delete projects), create a new one (only admins create).
    const admin = await server.storage.userByUsername('admin');
    const clientId = newClientId();
    const change = (seq: number, id: string, op: 'put' | 'delete', fields: Record<string, unknown>) => ({
      mutationId: randomUUID(),
      clientId,
      seq,
      hlc: encodeHlc({ wall: Date.parse('2026-11-24T08:00:00.000Z'), counter: seq, node: clientId }),
      table: 'projects',
      id,
      op,
      fields,
    });
    const forged = [
      change(1, OTHER_PROJECT, 'put', { title: { fr: 'Détourné' } }),
      change(1, DEMO_PROJECT.id, 'delete', {}),
      change(1, 'nouveau-projet', 'put', { code: 'NP', title: { fr: 'Nouveau' } }),
    ];
    const before = await server.pullAll('admin');
    for (const m of forged) {
      const file = await exportFile(server, 'admin', clientId, [m]);
      expect(admin).toBeDefined();
      const { status, json } = await importAs('supervisor', JSON.stringify(file));
      expect(status, JSON.stringify(json)).toBe(403);
      expect(json).toMatchObject({ error: { code: 'forbidden', details: { seq: 1 } } });
    }
    expect(await server.pullAll('admin')).toEqual(before);
    // The admin's own import of the same change is judged by the admin's rights alone.
    const own = await importOk('admin', await exportFile(server, 'admin', clientId, [forged[0]!]));
    expect(own.results[0]?.status).toBe('applied');
  });

  it("refuses another user's device, unknown users and damaged files", async () => {
    const clientId = newClientId();
    await server.push('agent2', clientId, [submission(clientId, 1)]);
    const stolenFile = await exportFile(
      server,
      'agent',
      clientId,
      [submission(clientId, 2)],
      {},
      {
        register: false,
      },
    );
    const stolen = await importAs('supervisor', JSON.stringify(stolenFile));
    expect(stolen).toMatchObject({ status: 403, json: { error: { details: { reason: 'owner' } } } });

    const unknown = await exportFile(server, 'agent', newClientId(), []);
    unknown.userId = 'nobody';
    const keys = deviceKeys.get(unknown.clientId as string)!;
    await sealFile(unknown, keys.privateKey);
    expect((await importAs('supervisor', JSON.stringify(unknown))).status).toBe(404);

    const fresh = newClientId();
    const damaged = await exportFile(server, 'agent', fresh, [submission(fresh, 1)]);
    (damaged.mutations as ExportedMutation[])[0]!.fields.projectId = OTHER_PROJECT;
    const bad = await importAs('supervisor', JSON.stringify(damaged));
    expect(bad).toMatchObject({ status: 400, json: { error: { code: 'bad_request' } } });
    expect(JSON.stringify(bad.json)).toContain('checksum');

    const cut = JSON.stringify(await exportFile(server, 'agent', fresh, [submission(fresh, 1)]));
    expect((await importAs('supervisor', cut.slice(0, cut.length / 2))).status).toBe(400);
    expect((await importAs('supervisor', gzipSync(cut).subarray(0, 40))).status).toBe(400);
    expect((await importAs('supervisor', '{"format":"something-else"}')).status).toBe(400);

    const invalid = await exportFile(server, 'agent', fresh, [submission(fresh, 2), submission(fresh, 1)]);
    expect(await importAs('supervisor', JSON.stringify(invalid))).toMatchObject({
      status: 400,
      json: { error: { code: 'validation' } },
    });
    // None of these left anything behind.
    const first = await server.push('agent', fresh, [submission(fresh, 1)]);
    expect(first.body.results[0]?.status).toBe('applied');
  });

  it('stores the media whose bytes match their hash, and reports the rest and the drafts', async () => {
    const clientId = newClientId();
    const bytes = Buffer.from('a photo taken offline');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const media = [
      { sha256, name: 'photo.jpg', type: 'image/jpeg', size: bytes.length, data: bytes.toString('base64') },
      // Damaged on the way: its bytes do not match its name.
      { sha256: 'a'.repeat(64), name: 'bad.jpg', type: 'image/jpeg', size: 3, data: 'AAEC' },
      { sha256: 'b'.repeat(64), name: 'gone.jpg', type: 'image/jpeg', size: 9 },
    ];
    const file = await exportFile(server, 'agent', clientId, [submission(clientId, 1)], { media });
    const result = await importOk('supervisor', file);
    expect(result.media).toEqual({ listed: 3, withBytes: 2, stored: 1 });
    expect(result.drafts).toBe(1);
    const blob = await server.storage.media.getBlob(sha256);
    expect(blob?.size).toBe(bytes.length);
    expect(await server.storage.media.getBlob('a'.repeat(64))).toBeUndefined();
    // Importing the same file again stores nothing twice and still answers the same.
    expect((await importOk('supervisor', file)).media).toEqual({ listed: 3, withBytes: 2, stored: 1 });
  });
});
