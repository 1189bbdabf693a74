import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { ConflictList } from '../../../src/core/sync/conflicts';
import type { Mutation, PullChange } from '../../../src/core/sync/protocol';
import { createAccount } from '../../../src/server/accounts';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, OTHER_PROJECT, PASSWORD, setupServer, type TestServer } from '../harness';

/**
 * The coordination records (organisations, projects, indicators, indicator values) as mergeable tables:
 * writes, rights, per-field merges with the conflict log, tombstones and pull scoping, on each backend.
 */

const START = Date.parse('2026-11-24T08:00:00.000Z');
const P = DEMO_PROJECT.id;

interface Change {
  table: string;
  id: string;
  fields?: Record<string, unknown>;
  op?: 'put' | 'delete';
  /** Milliseconds after START. */
  at?: number;
}

function mutations(clientId: string, changes: Change[]): Mutation[] {
  return changes.map((c, i) => ({
    mutationId: randomUUID(),
    clientId,
    seq: i + 1,
    hlc: encodeHlc({ wall: START + (c.at ?? i + 1), counter: 0, node: clientId }),
    table: c.table,
    id: c.id,
    op: c.op ?? 'put',
    fields: c.fields ?? {},
  }));
}

const codes = (results: { status: string; code?: string }[]) =>
  results.map((r) => (r.status === 'rejected' ? r.code : r.status));

const indicator = (projectId = P) => ({
  projectId,
  code: 'HH-1',
  title: { fr: 'Ménages enquêtés', en: 'Households surveyed' },
  unit: 'ménages',
});
const valueIdentity = {
  indicatorId: 'ind-1',
  projectId: P,
  periodStart: '2026-01-01',
  periodEnd: '2026-02-28',
};

describe.each(backends)('coordination records on $name', (backend) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await setupServer(backend);
    await server.storage.transaction((tx) =>
      createAccount(
        tx,
        {
          username: 'focal2',
          displayName: 'Aïssata Diallo',
          role: 'focal_point',
          password: PASSWORD,
          projectIds: [P],
        },
        new Date(START),
        TEST_PASSWORD_COST,
      ),
    );
  });
  afterEach(async () => {
    await server?.close();
  });

  async function seen(username: string, table: string): Promise<PullChange[]> {
    return (await server.pullAll(username)).filter((c) => c.table === table);
  }

  it('stores each table’s writes and serves them with their clocks', async () => {
    const sup = newClientId();
    const { body } = await server.push('supervisor', sup, [
      ...mutations(sup, [
        {
          table: 'organisations',
          id: 'org-acf',
          fields: { name: 'Action contre la Faim', acronym: 'ACF', type: '21' },
        },
        {
          table: 'projects',
          id: P,
          fields: { status: 'finalisation', sectors: [{ code: '72010', percentage: 100 }] },
        },
        { table: 'indicators', id: 'ind-1', fields: indicator() },
      ]),
    ]);
    expect(codes(body.results)).toEqual(['applied', 'applied', 'applied']);
    const focal = newClientId();
    const entered = await server.push(
      'focal',
      focal,
      mutations(focal, [
        {
          table: 'indicatorValues',
          id: 'v-1',
          fields: { ...valueIdentity, value: 40, reviewStatus: 'verified' },
        },
      ]),
    );
    expect(codes(entered.body.results)).toEqual(['applied']);

    const [org] = await seen('agent', 'organisations');
    expect(org?.data).toMatchObject({
      id: 'org-acf',
      name: 'Action contre la Faim',
      iatiId: null,
      deleted: false,
    });
    const [project] = (await seen('agent', 'projects')).filter((c) => c.id === P);
    expect(project?.data).toMatchObject({ code: DEMO_PROJECT.code, status: 'finalisation' });
    expect(project?.clocks?.code).toBeDefined();
    const [value] = await seen('supervisor', 'indicatorValues');
    expect(value?.data).toMatchObject({ value: 40, reviewStatus: 'verified', categories: {} });
    const focalUser = await server.storage.userByUsername('focal');
    expect(value?.data).toMatchObject({ enteredBy: focalUser?.id, reviewedBy: focalUser?.id });
  });

  it('refuses what the role or project does not allow, with a clear reason', async () => {
    const focal = newClientId();
    const byFocal = await server.push(
      'focal',
      focal,
      mutations(focal, [
        { table: 'organisations', id: 'org-x', fields: { name: 'X', type: '22' } },
        { table: 'projects', id: P, fields: { status: 'suspended' } },
        { table: 'indicators', id: 'ind-x', fields: indicator() },
        {
          table: 'indicatorValues',
          id: 'v-x',
          fields: { ...valueIdentity, value: 1, reviewStatus: 'approved' },
        },
        {
          table: 'indicatorValues',
          id: 'v-y',
          fields: { ...valueIdentity, projectId: OTHER_PROJECT, value: 1 },
        },
        { table: 'indicatorValues', id: 'v-z', fields: { ...valueIdentity, value: 1, enteredBy: 'me' } },
      ]),
    );
    expect(codes(byFocal.body.results)).toEqual([
      'forbidden',
      'forbidden',
      'forbidden',
      'forbidden',
      'forbidden',
      'validation',
    ]);
    expect(byFocal.body.results[0]).toMatchObject({
      message: 'Only supervisors and admins edit organisations',
    });
    expect(byFocal.body.results[3]).toMatchObject({
      message: 'Only supervisors and admins approve or reject an indicator value',
    });
    const agent = newClientId();
    const byAgent = await server.push(
      'agent',
      agent,
      mutations(agent, [{ table: 'indicatorValues', id: 'v-a', fields: { ...valueIdentity, value: 1 } }]),
    );
    expect(byAgent.body.results[0]).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
      message: 'Only focal points, supervisors and admins enter indicator values',
    });
    const sup = newClientId();
    const bySupervisor = await server.push(
      'supervisor',
      sup,
      mutations(sup, [
        { table: 'projects', id: 'new-project', fields: { code: 'NP', title: { fr: 'Nouveau' } } },
        { table: 'indicators', id: 'ind-o', fields: indicator(OTHER_PROJECT) },
        // A new record lacking a field without a default.
        { table: 'indicators', id: 'ind-n', fields: { projectId: P, unit: 'x' } },
        { table: 'projects', id: P, fields: { sectors: [{ code: '72010', percentage: 60 }] } },
        { table: 'projects', id: P, op: 'delete' },
      ]),
    );
    expect(codes(bySupervisor.body.results)).toEqual([
      'forbidden',
      'forbidden',
      'validation',
      'validation',
      'forbidden',
    ]);
    const admin = newClientId();
    const byAdmin = await server.push(
      'admin',
      admin,
      mutations(admin, [
        { table: 'projects', id: 'new-project', fields: { code: 'NP', title: { fr: 'Nouveau' } } },
        { table: 'indicators', id: 'ind-np', fields: indicator('new-project') },
      ]),
    );
    expect(codes(byAdmin.body.results)).toEqual(['applied', 'applied']);
  });

  it('merges two focal points’ offline edits of one indicator value per field, logging the lost value', async () => {
    const sup = newClientId();
    await server.push(
      'supervisor',
      sup,
      mutations(sup, [{ table: 'indicators', id: 'ind-1', fields: indicator() }]),
    );
    const first = newClientId();
    await server.push(
      'focal',
      first,
      mutations(first, [
        { table: 'indicatorValues', id: 'v-1', fields: { ...valueIdentity, value: 10 }, at: 1 },
      ]),
    );
    // Both pulled the value, then edited it offline: one the value and comment, the other the value later.
    const [pulled] = await seen('focal', 'indicatorValues');
    const base = pulled?.clocks ?? {};
    const a = newClientId();
    const b = newClientId();
    const [fromA] = mutations(a, [
      {
        table: 'indicatorValues',
        id: 'v-1',
        fields: { ...valueIdentity, value: 12, comment: 'Rapport ACF' },
        at: 100,
      },
    ]);
    const [fromB] = mutations(b, [
      {
        table: 'indicatorValues',
        id: 'v-1',
        fields: { ...valueIdentity, value: 15, reviewStatus: 'has_issues' },
        at: 200,
      },
    ]);
    expect(codes((await server.push('focal2', b, [{ ...fromB!, base }])).body.results)).toEqual(['applied']);
    const late = await server.push('focal', a, [{ ...fromA!, base }]);
    expect(late.body.results).toMatchObject([{ status: 'conflict', fields: ['value'] }]);

    const [merged] = await seen('supervisor', 'indicatorValues');
    expect(merged?.data).toMatchObject({ value: 15, comment: 'Rapport ACF', reviewStatus: 'has_issues' });
    const list = ConflictList.parse(
      await (await server.request('/api/conflicts', { token: await server.login('supervisor') })).json(),
    ).conflicts;
    expect(list.map((c) => [c.table, c.field, c.losing.value, c.winning.value])).toEqual([
      ['indicatorValues', 'value', 12, 15],
    ]);
    expect(list[0]?.winning.byName).toBe('Aïssata Diallo');
  });

  it('shows the lost values of organisations (of no project) to every supervisor, who may restore them', async () => {
    const admin = newClientId();
    await server.push(
      'admin',
      admin,
      mutations(admin, [
        { table: 'organisations', id: 'org-acf', fields: { name: 'ACF France', type: '21' }, at: 50 },
        // Named by the supervisor's project only: theirs to edit too (organisationRights.test.ts).
        { table: 'projects', id: P, fields: { organisationId: 'org-acf' }, at: 51 },
      ]),
    );
    const sup = newClientId();
    const late = await server.push(
      'supervisor',
      sup,
      mutations(sup, [
        {
          table: 'organisations',
          id: 'org-acf',
          fields: { name: 'Action contre la Faim', type: '21' },
          at: 10,
        },
      ]),
    );
    expect(late.body.results).toMatchObject([{ status: 'conflict', fields: ['name'] }]);
    const token = await server.login('supervisor');
    const list = ConflictList.parse(
      await (await server.request('/api/conflicts', { token })).json(),
    ).conflicts;
    const ofOrganisations = list.filter((c) => c.table === 'organisations');
    expect(ofOrganisations.map((c) => [c.table, c.projectId, c.losing.value])).toEqual([
      ['organisations', '', 'Action contre la Faim'],
    ]);
    server.clock.now = new Date(START + 60_000);
    const res = await server.request(`/api/conflicts/${ofOrganisations[0]!.id}/restore`, {
      method: 'POST',
      token,
    });
    expect(res.status).toBe(200);
    const [org] = await seen('agent', 'organisations');
    expect(org?.data).toMatchObject({ name: 'Action contre la Faim' });
  });

  it('keeps a deleted record as a tombstone with its fields; a later edit brings it back', async () => {
    const sup = newClientId();
    const { body } = await server.push(
      'supervisor',
      sup,
      mutations(sup, [
        { table: 'indicators', id: 'ind-1', fields: indicator(), at: 1 },
        { table: 'indicators', id: 'ind-1', op: 'delete', fields: { projectId: P }, at: 2 },
      ]),
    );
    expect(codes(body.results)).toEqual(['applied', 'applied']);
    const [gone] = await seen('focal', 'indicators');
    expect(gone).toMatchObject({ op: 'delete', data: { code: 'HH-1', deleted: true } });
    const again = newClientId();
    await server.push(
      'supervisor',
      again,
      mutations(again, [
        { table: 'indicators', id: 'ind-1', fields: { projectId: P, unit: 'familles' }, at: 3 },
      ]),
    );
    const [back] = await seen('focal', 'indicators');
    expect(back).toMatchObject({ op: 'put', data: { code: 'HH-1', unit: 'familles', deleted: false } });
  });

  it('scopes pulls: organisations to everyone, a project’s records to its members only', async () => {
    const sup = newClientId();
    await server.push(
      'supervisor',
      sup,
      mutations(sup, [
        { table: 'organisations', id: 'org-acf', fields: { name: 'ACF', type: '21' } },
        { table: 'indicators', id: 'ind-1', fields: indicator() },
        { table: 'indicatorValues', id: 'v-1', fields: { ...valueIdentity, value: 3 } },
      ]),
    );
    expect(await seen('outsider', 'organisations')).toHaveLength(1);
    expect(await seen('outsider', 'indicators')).toHaveLength(0);
    expect(await seen('outsider', 'indicatorValues')).toHaveLength(0);
    expect((await seen('outsider', 'projects')).map((c) => c.id)).toEqual([OTHER_PROJECT]);
    expect(await seen('agent', 'indicators')).toHaveLength(1);
    expect((await seen('agent', 'projects')).map((c) => c.id)).toEqual([P]);
  });
});
