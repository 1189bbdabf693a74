import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compactPullChange,
  expandPullChange,
  WirePullResponse,
  type PullChange,
} from '../../src/core/sync/protocol';
import { backends } from './backends';
import { newClientId, setupServer, submission, type TestServer } from './harness';

describe('compact pull changes (protocol 3)', () => {
  const change = fc.record(
    {
      table: fc.constantFrom('submissions', 'reviews', 'forms'),
      id: fc.string({ minLength: 1 }),
      serverSeq: fc.integer({ min: 1 }),
      op: fc.constantFrom('put' as const, 'delete' as const),
      ownId: fc.boolean(),
      hasData: fc.boolean(),
    },
    { requiredKeys: ['table', 'id', 'serverSeq', 'op', 'ownId', 'hasData'] },
  );
  it('expand(compact(change)) is the change', () => {
    fc.assert(
      fc.property(change, ({ ownId, hasData, ...c }) => {
        const full: PullChange = {
          ...c,
          data: hasData ? { id: ownId ? c.id : `${c.id}-other`, x: 1 } : null,
        };
        expect(expandPullChange(compactPullChange(full))).toEqual(full);
      }),
    );
  });
});

describe.each(backends)('pull, protocol 3, on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('leaves out op on puts and ids equal to the record’s, and the page expands to the full one', async () => {
    const clientId = newClientId();
    await server.push('agent', clientId, [submission(clientId, 1), submission(clientId, 2)]);
    const full = await server.pull('admin');
    const res = await server.request('/api/sync/pull?cursor=0&limit=500&protocol=3&formKeys=project', {
      token: await server.login('admin'),
    });
    expect(res.status).toBe(200);
    const compact = WirePullResponse.parse(await res.json());
    const submissions = compact.changes.filter((c) => c.table === 'submissions');
    expect(submissions.length).toBeGreaterThan(0);
    expect(submissions.every((c) => c.op === undefined && c.id === undefined)).toBe(true);
    expect({ ...compact, changes: compact.changes.map(expandPullChange) }).toEqual(full);
  });
});
