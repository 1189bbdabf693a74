import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../../src/core/sync/protocol';
import { EXPORT_FORMAT, EXPORT_VERSION, ImportResponse } from '../../../src/core/sync/unsyncedExport';
import { importUnsynced } from '../../../src/server/sync/importUnsynced';
import { readUnsyncedExport } from '../../../src/server/sync/readUnsyncedExport';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';
import { newDeviceKeys, registerDevice, sealFile } from './deviceKeys';

/**
 * Export files are signed by their device (issue 11, hole 1): an import is refused, with nothing applied
 * and an `import.refused` audit entry, unless the file verifies against the key registered for its clientId
 * and its user owns that clientId. Only the operator at the console may take an unsigned or unregistered
 * file, on purpose (`--trust-unsigned`).
 */
describe.each(backends)('signed export files on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function userId(username: string): Promise<string> {
    const user = await server.storage.userByUsername(username);
    if (!user) throw new Error(`no ${username}`);
    return user.id;
  }

  /** A file of `username`'s device, sealed with `key` (null: unsigned), in `version`. */
  async function file(
    username: string,
    clientId: string,
    mutations: Mutation[],
    key: CryptoKey | null,
    version: number = EXPORT_VERSION,
  ): Promise<Record<string, unknown>> {
    return sealFile(
      {
        format: EXPORT_FORMAT,
        version,
        exportedAt: '2026-11-24T09:00:00.000Z',
        userId: await userId(username),
        username,
        clientId,
        mutations: mutations.map((m) => ({ ...m, state: 'pending' })),
        submissions: [],
        drafts: [],
        media: [],
      },
      key,
    );
  }

  async function importAs(username: string, body: Record<string, unknown>) {
    const res = await server.request('/api/sync/import', {
      token: await server.login(username),
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/octet-stream', 'user-agent': 'import-test' },
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  /** A device of `username` with a registered key, that has pushed seq 1. */
  async function registeredDevice(username: string) {
    const clientId = newClientId();
    const keys = await newDeviceKeys();
    expect((await registerDevice(server, username, clientId, keys)).status).toBe(201);
    const first = await server.push(username, clientId, [submission(clientId, 1)]);
    expect(first.body.results[0]?.status).toBe('applied');
    return { clientId, keys };
  }

  const refusals = async (clientId: string) =>
    (await server.storage.listAudit(1000, { action: 'import.refused' })).filter(
      (e) => e.recordId === clientId,
    );

  it("a file forged under a colleague's device id is refused, and their next change still applies", async () => {
    // The scenario: the agent's device synced seq 1; a supervisor writes a file under the agent's
    // device id with seqs 2 and 3. Before signatures, its import made the agent's own seq 2 a "duplicate".
    const colleague = await registeredDevice('agent');
    const { clientId } = colleague;
    const forgedChanges = [submission(clientId, 2), submission(clientId, 3)];
    const supervisorKeys = await newDeviceKeys();
    const genuine = await file('agent', clientId, [submission(clientId, 2)], colleague.keys.privateKey);
    const edited = { ...genuine, mutations: forgedChanges.map((m) => ({ ...m, state: 'pending' })) };
    const forgeries: [string, Record<string, unknown>][] = [
      ['unsigned', await file('agent', clientId, forgedChanges, null)],
      ['unsigned', await file('agent', clientId, forgedChanges, null, 1)],
      ['signature', await file('agent', clientId, forgedChanges, supervisorKeys.privateKey)],
      // A genuine file edited: its checksum recomputed, its signature kept.
      ['signature', await sealWithSignatureOf(edited, genuine)],
    ];
    for (const [reason, forged] of forgeries) {
      const { status, json } = await importAs('supervisor', forged);
      expect(status, JSON.stringify(json)).toBe(403);
      expect(json).toMatchObject({ error: { code: 'forbidden', details: { reason } } });
    }
    for (const m of forgedChanges)
      expect(await server.storage.getEntity('submissions', m.id)).toBeUndefined();
    expect((await server.storage.devices.get(clientId))?.lastSeq).toBe(1);
    expect(await server.storage.listRejected(clientId)).toEqual([]);

    // Each refusal is audited: who tried, for whom, which device, why, from where.
    const audited = await refusals(clientId);
    expect(audited).toHaveLength(forgeries.length);
    expect(audited[0]).toMatchObject({
      userId: await userId('supervisor'),
      onBehalfOf: await userId('agent'),
      tbl: 'clients',
      recordId: clientId,
      userAgent: 'import-test',
      details: { reason: 'signature', clientId },
    });

    // The agent's next real change is applied, not answered `duplicate`.
    const next = await server.push('agent', clientId, [submission(clientId, 2)]);
    expect(next.body.results.map((r) => r.status)).toEqual(['applied']);
    // And the genuine file signed by the agent's device imports.
    const own = await file('agent', clientId, [submission(clientId, 3)], colleague.keys.privateKey);
    const imported = await importAs('supervisor', own);
    expect(imported.status, JSON.stringify(imported.json)).toBe(200);
    expect(ImportResponse.parse(imported.json)).toMatchObject({ applied: 1 });
  });

  it("refuses a file whose user does not own its device, even signed by that device's key", async () => {
    // The supervisor's own registered device signs a file that claims to be the agent's.
    const { clientId, keys } = await registeredDevice('supervisor');
    const forged = await file('agent', clientId, [submission(clientId, 2)], keys.privateKey);
    const { status, json } = await importAs('admin', forged);
    expect(status).toBe(403);
    expect(json).toMatchObject({ error: { details: { reason: 'owner' } } });
    expect(await refusals(clientId)).toMatchObject([
      { userId: await userId('admin'), details: { reason: 'owner', owner: await userId('supervisor') } },
    ]);
  });

  it('refuses a device with no registered key, except from the console with trust-unsigned (audited)', async () => {
    const clientId = newClientId();
    const keys = await newDeviceKeys();
    const changes = [submission(clientId, 1)];
    const signed = await file('agent', clientId, changes, keys.privateKey);
    const { status, json } = await importAs('supervisor', signed);
    expect(status).toBe(403);
    expect(json).toMatchObject({ error: { details: { reason: 'unregistered' } } });
    expect(String((json.error as { message: string }).message)).toContain('online');
    // Nothing was created, not even the device: the agent may still register it.
    expect(await server.storage.devices.get(clientId)).toBeUndefined();

    const read = await readUnsyncedExport(new TextEncoder().encode(JSON.stringify(signed)));
    await expect(importUnsynced(server.storage, read, null, server.clock.now)).rejects.toMatchObject({
      code: 'forbidden',
    });
    const trusted = await importUnsynced(server.storage, read, null, server.clock.now, {
      trustUnsigned: true,
    });
    expect(trusted).toMatchObject({ applied: 1 });
    const [entry] = await server.storage.listAudit(1, { action: 'import.unsigned' });
    expect(entry).toMatchObject({
      userId: null,
      onBehalfOf: await userId('agent'),
      recordId: clientId,
      details: { reason: 'unregistered' },
    });
  });

  it('takes an unsigned version 1 file only from the console with trust-unsigned', async () => {
    const { clientId } = await registeredDevice('agent');
    const old = await file('agent', clientId, [submission(clientId, 2)], null, 1);
    expect(await importAs('admin', old)).toMatchObject({
      status: 403,
      json: { error: { details: { reason: 'unsigned' } } },
    });
    const read = await readUnsyncedExport(new TextEncoder().encode(JSON.stringify(old)));
    expect(read.version).toBe(1);
    const supervisor = await server.storage.userByUsername('supervisor');
    const result = await importUnsynced(server.storage, read, supervisor!, server.clock.now, {
      trustUnsigned: true,
    });
    expect(result).toMatchObject({ applied: 1 });
  });

  it("refuses a revoked device's files, even with trust-unsigned", async () => {
    const { clientId, keys } = await registeredDevice('agent');
    const signed = await file('agent', clientId, [submission(clientId, 2)], keys.privateKey);
    await server.storage.transaction((tx) => tx.devices.revoke(clientId, server.clock.now.toISOString()));
    expect(await importAs('supervisor', signed)).toMatchObject({
      status: 403,
      json: { error: { details: { reason: 'revoked' } } },
    });
    const read = await readUnsyncedExport(new TextEncoder().encode(JSON.stringify(signed)));
    await expect(
      importUnsynced(server.storage, read, null, server.clock.now, { trustUnsigned: true }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect((await server.storage.devices.get(clientId))?.lastSeq).toBe(1);
    expect(await refusals(clientId)).toHaveLength(2);
  });
});

/** `edited` with a fresh checksum but the signature `genuine` carried: what editing a signed file gives. */
async function sealWithSignatureOf(
  edited: Record<string, unknown>,
  genuine: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const sealed = await sealFile({ ...edited }, null);
  return { ...sealed, signature: genuine.signature };
}
