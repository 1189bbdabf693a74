import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import type { Mutation } from '../../../src/core/sync/protocol';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, OTHER_PROJECT, setupServer, type TestServer } from '../harness';

/**
 * A mergeable record whose parent must exist (MergeTableSpec.parent): an indicator value needs its indicator,
 * in the same project and not deleted; the same batch may create the indicator first. On each backend.
 */

const START = Date.parse('2026-11-24T08:00:00.000Z');
const P = DEMO_PROJECT.id;

/** `later`: ms after the start, so a write's clock is after earlier writes' (same clocks tie by node). */
function mutations(
  clientId: string,
  changes: { table: string; id: string; fields: object; op?: 'delete' }[],
  later = 0,
) {
  return changes.map((c, i): Mutation => ({
    mutationId: randomUUID(),
    clientId,
    seq: i + 1,
    hlc: encodeHlc({ wall: START + later + i + 1, counter: 0, node: clientId }),
    table: c.table,
    id: c.id,
    op: c.op ?? 'put',
    fields: { ...c.fields },
  }));
}

const indicator = (id: string, projectId: string) => ({
  table: 'indicators',
  id,
  fields: { projectId, code: id.toUpperCase(), title: { fr: id } },
});
const value = (id: string, indicatorId: string) => ({
  table: 'indicatorValues',
  id,
  fields: { indicatorId, projectId: P, periodStart: '2026-01-01', periodEnd: '2026-02-28', value: 12 },
});

const codes = (results: { status: string; code?: string }[]) =>
  results.map((r) => (r.status === 'rejected' ? r.code : r.status));

describe.each(backends)('parents of mergeable records on $name', (backend) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await setupServer(backend);
  });
  afterEach(async () => {
    await server?.close();
  });

  it('refuses an indicator value whose indicator is missing, of another project or deleted', async () => {
    const admin = newClientId();
    const setup = await server.push(
      'admin',
      admin,
      mutations(admin, [
        indicator('ind-other', OTHER_PROJECT),
        indicator('ind-gone', P),
        { table: 'indicators', id: 'ind-gone', fields: { projectId: P }, op: 'delete' },
      ]),
    );
    expect(codes(setup.body.results)).toEqual(['applied', 'applied', 'applied']);

    const focal = newClientId();
    const { body } = await server.push(
      'focal',
      focal,
      mutations(focal, [value('v-1', 'ind-missing'), value('v-2', 'ind-other'), value('v-3', 'ind-gone')]),
    );
    expect(body.results).toMatchObject([
      {
        status: 'rejected',
        code: 'validation',
        message: `Indicator ind-missing does not exist in project ${P}`,
      },
      {
        status: 'rejected',
        code: 'validation',
        message: `Indicator ind-other does not exist in project ${P}`,
      },
      {
        status: 'rejected',
        code: 'validation',
        message: `Indicator ind-gone does not exist in project ${P}`,
      },
    ]);
    const pulled = (await server.pullAll('supervisor')).filter((c) => c.table === 'indicatorValues');
    expect(pulled).toEqual([]);
  });

  it('accepts a value pushed in the same batch as its indicator, and later values of it', async () => {
    const sup = newClientId();
    const { body } = await server.push(
      'supervisor',
      sup,
      mutations(sup, [indicator('ind-1', P), value('v-1', 'ind-1')]),
    );
    expect(codes(body.results)).toEqual(['applied', 'applied']);
    const focal = newClientId();
    const later = await server.push('focal', focal, mutations(focal, [value('v-2', 'ind-1')]));
    expect(codes(later.body.results)).toEqual(['applied']);
  });

  it('checks the parent when a record is created only: an existing value is edited after its indicator is deleted', async () => {
    const sup = newClientId();
    const first = await server.push('supervisor', sup, [
      ...mutations(sup, [indicator('ind-1', P), value('v-1', 'ind-1')]),
    ]);
    expect(codes(first.body.results)).toEqual(['applied', 'applied']);
    const admin = newClientId();
    const deleted = await server.push(
      'admin',
      admin,
      mutations(admin, [{ table: 'indicators', id: 'ind-1', fields: { projectId: P }, op: 'delete' }], 1000),
    );
    expect(codes(deleted.body.results)).toEqual(['applied']);
    // Made offline before the delete reached the device: the edit is merged, not refused (applied, or a
    // conflict since it names no base over the supervisor's value: stored either way).
    const focal = newClientId();
    const edit = await server.push('focal', focal, mutations(focal, [value('v-1', 'ind-1')], 2000));
    expect(['applied', 'conflict']).toContain(edit.body.results[0]?.status);
  });
});
