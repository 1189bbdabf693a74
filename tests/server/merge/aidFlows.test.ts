import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { ConflictList } from '../../../src/core/sync/conflicts';
import type { Mutation, PullChange } from '../../../src/core/sync/protocol';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, OTHER_PROJECT, setupServer, type TestServer } from '../harness';

/**
 * Aid flows (docs/aid-flows.md) as mergeable records: transactions and planned disbursements of a project,
 * written by its supervisors and admins only, and the exchange rates every project shares; pushed, pulled,
 * merged field by field, on each backend.
 */

const START = Date.parse('2026-11-24T08:00:00.000Z');
const P = DEMO_PROJECT.id;

interface Change {
  table: string;
  id: string;
  fields?: Record<string, unknown>;
  op?: 'put' | 'delete';
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

const disbursement = (projectId = P) => ({
  projectId,
  type: '3',
  date: '2026-03-15',
  value: 25_000,
  currency: 'EUR',
  valueDate: '2026-03-15',
  providerOrgId: 'unicef',
  receiverOrgId: 'adn',
  description: 'Première tranche',
});

const planned = {
  projectId: P,
  type: '1',
  periodStart: '2026-04-01',
  periodEnd: '2026-06-30',
  value: 50_000_000,
  currency: 'XOF',
  valueDate: '2026-04-01',
};

describe.each(backends)('aid flows on $name', (backend) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await setupServer(backend);
  });
  afterEach(async () => {
    await server?.close();
  });

  async function seen(username: string, table: string): Promise<PullChange[]> {
    return (await server.pullAll(username)).filter((c) => c.table === table);
  }

  it('stores a supervisor’s transactions, planned disbursements and rates, and serves them to members', async () => {
    const sup = newClientId();
    const { body } = await server.push(
      'supervisor',
      sup,
      mutations(sup, [
        { table: 'transactions', id: 'tr-1', fields: disbursement() },
        { table: 'transactions', id: 'tr-2', fields: { ...disbursement(), type: '4', value: -1200 } },
        { table: 'plannedDisbursements', id: 'pd-1', fields: planned },
        {
          table: 'exchangeRates',
          id: 'EUR:2026-03',
          fields: { currency: 'EUR', month: '2026-03', xofPerUnit: 655.957, source: 'BCEAO' },
        },
      ]),
    );
    expect(codes(body.results)).toEqual(['applied', 'applied', 'applied', 'applied']);

    const transactions = await seen('focal', 'transactions');
    expect(transactions.map((c) => c.data)).toEqual([
      {
        id: 'tr-1',
        ...disbursement(),
        sector: null,
        region: '',
        deleted: false,
      },
      expect.objectContaining({ id: 'tr-2', type: '4', value: -1200 }),
    ]);
    expect(transactions[0]?.clocks?.value).toBeDefined();
    const [pd] = await seen('supervisor', 'plannedDisbursements');
    expect(pd?.data).toMatchObject({ ...planned, providerOrgId: null, deleted: false });
    // Rates are of no project: everyone signed in reads them, also outside the project.
    const [rate] = await seen('outsider', 'exchangeRates');
    expect(rate?.data).toMatchObject({ id: 'EUR:2026-03', xofPerUnit: 655.957 });
    expect(await seen('outsider', 'transactions')).toEqual([]);
    expect(await seen('outsider', 'plannedDisbursements')).toEqual([]);
  });

  it('refuses agents, focal points and supervisors of other projects, and invalid values, with clear reasons', async () => {
    for (const username of ['agent', 'focal']) {
      const client = newClientId();
      const { body } = await server.push(
        username,
        client,
        mutations(client, [
          { table: 'transactions', id: `tr-${username}`, fields: disbursement() },
          { table: 'plannedDisbursements', id: `pd-${username}`, fields: planned },
          {
            table: 'exchangeRates',
            id: 'USD:2026-03',
            fields: { currency: 'USD', month: '2026-03', xofPerUnit: 600 },
          },
        ]),
      );
      expect(codes(body.results)).toEqual(['forbidden', 'forbidden', 'forbidden']);
      expect(body.results[0]).toMatchObject({ message: 'Only supervisors and admins edit transactions' });
    }
    const sup = newClientId();
    const { body } = await server.push(
      'supervisor',
      sup,
      mutations(sup, [
        // Not a member of the other project.
        { table: 'transactions', id: 'tr-o', fields: disbursement(OTHER_PROJECT) },
        { table: 'transactions', id: 'tr-c', fields: { ...disbursement(), currency: 'FCFA' } },
        { table: 'transactions', id: 'tr-t', fields: { ...disbursement(), type: '0' } },
        { table: 'transactions', id: 'tr-v', fields: { ...disbursement(), valueDate: '2026-02-30' } },
        { table: 'plannedDisbursements', id: 'pd-n', fields: { ...planned, value: -1 } },
        // A rate's id is its currency and month.
        {
          table: 'exchangeRates',
          id: 'usd-march',
          fields: { currency: 'USD', month: '2026-03', xofPerUnit: 600 },
        },
        {
          table: 'exchangeRates',
          id: 'XOF:2026-03',
          fields: { currency: 'XOF', month: '2026-03', xofPerUnit: 1 },
        },
      ]),
    );
    expect(codes(body.results)).toEqual([
      'forbidden',
      'validation',
      'validation',
      'validation',
      'validation',
      'validation',
      'validation',
    ]);
    expect(JSON.stringify(body.results[1])).toContain('ISO 4217');
    expect(JSON.stringify(body.results[4])).toContain('negative');
    expect(await seen('admin', 'transactions')).toEqual([]);
  });

  it('merges two supervisors’ offline edits of one transaction per field, logging the lost value', async () => {
    const admin = newClientId();
    await server.push(
      'admin',
      admin,
      mutations(admin, [{ table: 'transactions', id: 'tr-1', fields: disbursement(), at: 1 }]),
    );
    const [pulled] = await seen('supervisor', 'transactions');
    const base = pulled?.clocks ?? {};
    const a = newClientId();
    const b = newClientId();
    const [fromA] = mutations(a, [
      {
        table: 'transactions',
        id: 'tr-1',
        fields: { projectId: P, value: 26_000, description: 'Tranche 1 (avenant)' },
        at: 100,
      },
    ]);
    const [fromB] = mutations(b, [
      {
        table: 'transactions',
        id: 'tr-1',
        fields: { projectId: P, value: 30_000, currency: 'USD' },
        at: 200,
      },
    ]);
    expect(codes((await server.push('admin', b, [{ ...fromB!, base }])).body.results)).toEqual(['applied']);
    const late = await server.push('supervisor', a, [{ ...fromA!, base }]);
    expect(late.body.results).toMatchObject([{ status: 'conflict', fields: ['value'] }]);

    const [merged] = await seen('focal', 'transactions');
    expect(merged?.data).toMatchObject({
      value: 30_000,
      currency: 'USD',
      description: 'Tranche 1 (avenant)',
      providerOrgId: 'unicef',
    });
    const list = ConflictList.parse(
      await (await server.request('/api/conflicts', { token: await server.login('supervisor') })).json(),
    ).conflicts;
    expect(list.map((c) => [c.table, c.field, c.losing.value, c.winning.value])).toEqual([
      ['transactions', 'value', 26_000, 30_000],
    ]);
  });

  it('deletes as a tombstone, and two offline entries of one month’s rate are one record', async () => {
    const sup = newClientId();
    await server.push(
      'supervisor',
      sup,
      mutations(sup, [
        { table: 'transactions', id: 'tr-1', fields: disbursement(), at: 1 },
        { table: 'transactions', id: 'tr-1', op: 'delete', fields: { projectId: P }, at: 2 },
        {
          table: 'exchangeRates',
          id: 'USD:2026-03',
          fields: { currency: 'USD', month: '2026-03', xofPerUnit: 601, source: 'BCEAO' },
          at: 3,
        },
      ]),
    );
    const [gone] = await seen('focal', 'transactions');
    expect(gone).toMatchObject({ op: 'delete', data: { value: 25_000, deleted: true } });
    const admin = newClientId();
    await server.push(
      'admin',
      admin,
      mutations(admin, [
        {
          table: 'exchangeRates',
          id: 'USD:2026-03',
          fields: { currency: 'USD', month: '2026-03', xofPerUnit: 603.5 },
          at: 10,
        },
      ]),
    );
    const rates = await seen('agent', 'exchangeRates');
    expect(rates.map((c) => c.data)).toEqual([
      {
        id: 'USD:2026-03',
        currency: 'USD',
        month: '2026-03',
        xofPerUnit: 603.5,
        source: 'BCEAO',
        deleted: false,
      },
    ]);
  });

  it('counts an organisation named by a transaction as in use: nobody deletes it until the transaction goes', async () => {
    const admin = newClientId();
    const created = await server.push(
      'admin',
      admin,
      mutations(admin, [
        { table: 'organisations', id: 'org-x', fields: { name: 'Bailleur X', type: '10' }, at: 1 },
        { table: 'transactions', id: 'tr-1', fields: { ...disbursement(), providerOrgId: 'org-x' }, at: 2 },
        // Named in a description only: not a use.
        { table: 'organisations', id: 'org-y', fields: { name: 'Y', type: '10' }, at: 3 },
        { table: 'transactions', id: 'tr-2', fields: { ...disbursement(), description: '"org-y"' }, at: 4 },
      ]),
    );
    expect(codes(created.body.results)).toEqual(['applied', 'applied', 'applied', 'applied']);
    const again = newClientId();
    const refused = await server.push(
      'admin',
      again,
      mutations(again, [
        { table: 'organisations', id: 'org-x', op: 'delete', at: 10 },
        { table: 'organisations', id: 'org-y', op: 'delete', at: 11 },
        { table: 'transactions', id: 'tr-1', op: 'delete', fields: { projectId: P }, at: 12 },
        // Deleting the transaction first, in the same batch, frees it.
        { table: 'organisations', id: 'org-x', op: 'delete', at: 13 },
      ]),
      4,
    );
    expect(codes(refused.body.results)).toEqual(['in_use', 'applied', 'applied', 'applied']);
    expect(refused.body.results[0]).toMatchObject({
      message: expect.stringContaining(`${DEMO_PROJECT.code} (${P})`) as string,
    });
  });
});
