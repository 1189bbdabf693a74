import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse } from '../../src/core/sync/protocol';
import { formVersionKey } from '../../src/core/records/formVersion';
import { DEMO_FORM, DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { backends } from './backends';
import { newClientId, OTHER_PROJECT, setupServer, submission, type TestServer } from './harness';

describe.each(backends)('pull on $name', (backend) => {
  let server: TestServer;
  const byAgent: string[] = [];
  const byAgent2: string[] = [];

  beforeAll(async () => {
    server = await setupServer(backend);
    for (const [username, ids] of [
      ['agent', byAgent],
      ['agent2', byAgent2],
    ] as const) {
      const clientId = newClientId();
      const batch = Array.from({ length: 12 }, (_, i) => submission(clientId, i + 1));
      const { body } = await server.push(username, clientId, batch);
      expect(body.results.every((r) => r.status === 'applied')).toBe(true);
      ids.push(...batch.map((m) => m.id));
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  const submissionIds = (changes: PullResponse['changes']) =>
    changes.filter((c) => c.table === 'submissions').map((c) => c.id);

  it('gives an agent the project, its forms and only their own submissions', async () => {
    const changes = await server.pullAll('agent');
    expect(changes.filter((c) => c.table === 'projects').map((c) => c.id)).toEqual([DEMO_PROJECT.id]);
    expect(changes.filter((c) => c.table === 'forms').map((c) => c.id)).toEqual([
      formVersionKey(DEMO_PROJECT.id, DEMO_FORM.id, DEMO_FORM.version),
    ]);
    expect(submissionIds(changes).sort()).toEqual([...byAgent].sort());
  });

  it('gives a focal point every submission of the project', async () => {
    const ids = submissionIds(await server.pullAll('focal'));
    expect(ids.sort()).toEqual([...byAgent, ...byAgent2].sort());
  });

  it('gives an agent of another project nothing of this one', async () => {
    const changes = await server.pullAll('outsider');
    // Their project and their own membership record (tests/server/members.test.ts), nothing else.
    expect(changes.map((c) => c.id)).toEqual([OTHER_PROJECT, expect.stringMatching(`^${OTHER_PROJECT}:`)]);
  });

  it('gives an admin everything', async () => {
    const changes = await server.pullAll('admin');
    expect(changes.filter((c) => c.table === 'projects')).toHaveLength(2);
    expect(submissionIds(changes)).toHaveLength(24);
  });

  it('pages with limit and cursor, skipping and repeating nothing', async () => {
    const whole = await server.pull('focal', 0, 1000);
    expect(whole.hasMore).toBe(false);
    const seqs = whole.changes.map((c) => c.serverSeq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const pages: PullResponse[] = [];
    let cursor = 0;
    for (let i = 0; i < 50; i++) {
      const page = PullResponse.parse(await server.pull('focal', cursor, 5));
      pages.push(page);
      if (page.changes.length > 0) expect(page.cursor).toBe(page.changes.at(-1)!.serverSeq);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(whole.changes.length / 5));
    expect(pages.slice(0, -1).every((p) => p.hasMore && p.changes.length === 5)).toBe(true);
    expect(pages.flatMap((p) => p.changes)).toEqual(whole.changes);

    const end = await server.pull('focal', cursor, 5);
    expect(end).toEqual({ changes: [], cursor, hasMore: false, scope: whole.scope });
  });

  it('serves new changes after the cursor only', async () => {
    const { cursor } = await server.pull('agent', 0, 1000);
    const clientId = newClientId();
    const m = submission(clientId, 1);
    await server.push('agent', clientId, [m]);
    const next = await server.pull('agent', cursor, 1000);
    expect(next.changes.map((c) => c.id)).toEqual([m.id]);
    expect(next.changes[0]).toMatchObject({ table: 'submissions', op: 'put', data: { id: m.id } });
  });

  it('validates the query', async () => {
    const token = await server.login('agent');
    for (const query of ['cursor=-1', 'limit=0', 'limit=100000', 'cursor=abc']) {
      const res = await server.request(`/api/sync/pull?${query}`, { token });
      expect(res.status).toBe(400);
    }
  });
});
