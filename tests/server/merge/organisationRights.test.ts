import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import type { Mutation } from '../../../src/core/sync/protocol';
import { createAccount } from '../../../src/server/accounts';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, OTHER_PROJECT, PASSWORD, setupServer, type TestServer } from '../harness';

/**
 * Hole 3 of issue 11: organisations are shared by every project. Admins edit them; a supervisor creates
 * them and edits those only their own projects name (one no project names: only its creator); nobody
 * deletes one a project names, and the refusal (`in_use`, protocol 4) says which projects do.
 */

const START = Date.parse('2026-11-24T08:00:00.000Z');
const P = DEMO_PROJECT.id;
let tick = 0;

interface Change {
  table?: string;
  id: string;
  fields?: Record<string, unknown>;
  op?: 'put' | 'delete';
}

function mutations(clientId: string, changes: Change[], first = 1): Mutation[] {
  return changes.map((c, i) => ({
    mutationId: randomUUID(),
    clientId,
    seq: first + i,
    hlc: encodeHlc({ wall: START + ++tick, counter: 0, node: clientId }),
    table: c.table ?? 'organisations',
    id: c.id,
    op: c.op ?? 'put',
    fields: c.fields ?? {},
  }));
}

const org = (id: string, name = id): Change => ({ id, fields: { name, type: '22' } });
const rename = (id: string, name: string): Change => ({ id, fields: { name } });
const remove = (id: string): Change => ({ id, op: 'delete' });

type Result = { status: string; code?: string; message?: string; details?: unknown };
const codes = (results: Result[]) => results.map((r) => (r.status === 'rejected' ? r.code : r.status));

describe.each(backends)('organisation rights on $name', (backend) => {
  let server: TestServer;
  /** One device per user, its seq going on across pushes. */
  const seqs = new Map<string, { clientId: string; next: number }>();

  async function push(username: string, changes: Change[], protocol = 4) {
    const device = seqs.get(username) ?? { clientId: newClientId(), next: 1 };
    seqs.set(username, device);
    const batch = mutations(device.clientId, changes, device.next);
    device.next += batch.length;
    const { status, body } = await server.push(username, device.clientId, batch, protocol);
    expect(status).toBe(200);
    return body.results as Result[];
  }

  beforeEach(async () => {
    seqs.clear();
    server = await setupServer(backend);
    // A supervisor of the other project only.
    await server.storage.transaction((tx) =>
      createAccount(
        tx,
        {
          username: 'supervisor2',
          displayName: 'Oumar Sidibé',
          role: 'supervisor',
          password: PASSWORD,
          projectIds: [OTHER_PROJECT],
        },
        new Date(START),
        TEST_PASSWORD_COST,
      ),
    );
    // org-shared: the reporting organisation of P and a funder of the other project; org-a: P's only.
    const setup = await push('admin', [
      org('org-shared', 'Partagée'),
      org('org-a', 'De P seulement'),
      org('org-unused', 'Personne'),
      {
        table: 'projects',
        id: P,
        fields: { organisationId: 'org-shared', participatingOrgs: [{ organisationId: 'org-a', role: '4' }] },
      },
      {
        table: 'projects',
        id: OTHER_PROJECT,
        fields: { participatingOrgs: [{ organisationId: 'org-shared', role: '1' }] },
      },
    ]);
    expect(codes(setup)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
  });
  afterEach(async () => {
    await server?.close();
  });

  it('refuses a supervisor of project A who edits or deletes an organisation project B names; an admin edits it', async () => {
    const results = await push('supervisor', [rename('org-shared', 'Renommée'), remove('org-shared')]);
    expect(codes(results)).toEqual(['forbidden', 'in_use']);
    expect(results[0]?.message).toBe(
      'Organisation org-shared is also named by 1 project you are not a member of: only admins change it',
    );
    // Only what the supervisor may see is named: their project, and a count of the others.
    expect(results[1]?.details).toEqual({
      references: [{ table: 'projects', id: P, code: DEMO_PROJECT.code }],
      others: 1,
    });
    expect(results[1]?.message).toBe(
      `Organisation org-shared is named by ${DEMO_PROJECT.code} (${P}), 1 other project: remove it from those projects first`,
    );
    expect(codes(await push('supervisor2', [rename('org-shared', 'Renommée')]))).toEqual(['forbidden']);
    expect(codes(await push('admin', [rename('org-shared', 'Renommée par l’admin')]))).toEqual(['applied']);
    const orgs = (await server.pullAll('agent')).filter((c) => c.table === 'organisations');
    expect(orgs.find((c) => c.id === 'org-shared')?.data).toMatchObject({ name: 'Renommée par l’admin' });
  });

  it('refuses to delete a named organisation, even for an admin, listing every project that names it', async () => {
    const [refused] = await push('admin', [remove('org-shared')]);
    expect(refused).toMatchObject({ status: 'rejected', code: 'in_use' });
    expect(refused?.details).toEqual({
      references: [
        { table: 'projects', id: OTHER_PROJECT, code: 'AP-TBT' },
        { table: 'projects', id: P, code: DEMO_PROJECT.code },
      ],
      others: 0,
    });
    // Once no project names it (here in the same batch), it is deleted.
    const results = await push('admin', [
      { table: 'projects', id: P, fields: { participatingOrgs: [] } },
      remove('org-a'),
    ]);
    expect(codes(results)).toEqual(['applied', 'applied']);
    const orgs = (await server.pullAll('admin')).filter((c) => c.table === 'organisations');
    expect(orgs.find((c) => c.id === 'org-a')).toMatchObject({ op: 'delete' });
    expect(orgs.find((c) => c.id === 'org-shared')).toMatchObject({ op: 'put' });
  });

  it('lets a supervisor edit what only their projects name, and create, edit and delete their own', async () => {
    expect(codes(await push('supervisor', [rename('org-a', 'Renommée')]))).toEqual(['applied']);
    // The supervisor of the other project sees that one project they are not in names it.
    expect(codes(await push('supervisor2', [rename('org-a', 'Autre')]))).toEqual(['forbidden']);
    // No project names it and an admin created it: not the supervisor's.
    const unused = await push('supervisor', [rename('org-unused', 'À moi')]);
    expect(unused[0]).toMatchObject({
      code: 'forbidden',
      message:
        'No project names organisation org-unused: only admins and the supervisor who created it change it',
    });
    // Created offline, fixed in the same batch and the next one, deleted by its creator.
    expect(
      codes(await push('supervisor', [org('org-new', 'Nouvele'), rename('org-new', 'Nouvelle')])),
    ).toEqual(['applied', 'applied']);
    expect(codes(await push('supervisor', [rename('org-new', 'Nouvelle ONG')]))).toEqual(['applied']);
    expect(codes(await push('supervisor2', [rename('org-new', 'Pas à moi'), remove('org-new')]))).toEqual([
      'forbidden',
      'forbidden',
    ]);
    expect(codes(await push('supervisor', [remove('org-new')]))).toEqual(['applied']);
    // A focal point still edits none.
    expect(codes(await push('focal', [org('org-focal')]))).toEqual(['forbidden']);
  });

  it('sends `forbidden` instead of `in_use` to apps older than protocol 4, with the same details', async () => {
    const device = newClientId();
    const batch = mutations(device, [remove('org-shared')]);
    const old = await server.push('supervisor', device, batch, 3);
    expect(old.body.results[0]).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
      details: { others: 1 },
    });
    // The stored refusal is answered again on a replay, in the code each version reads.
    const replayNew = await server.push('supervisor', device, batch, 4);
    expect(replayNew.body.results[0]).toMatchObject({ status: 'rejected', code: 'in_use' });
    const replayOld = await server.push('supervisor', device, batch);
    expect(replayOld.body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('finds an id with LIKE wildcards, quotes and backslashes exactly', async () => {
    const odd = 'o%_"\\x';
    expect(codes(await push('admin', [org(odd), org('o')]))).toEqual(['applied', 'applied']);
    await push('admin', [
      { table: 'projects', id: OTHER_PROJECT, fields: { organisationId: odd, participatingOrgs: [] } },
    ]);
    const results = await push('admin', [remove(odd), remove('o')]);
    expect(codes(results)).toEqual(['in_use', 'applied']);
    expect(results[0]?.details).toMatchObject({ references: [{ id: OTHER_PROJECT }] });
  });
});
