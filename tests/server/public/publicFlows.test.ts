import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { PublicProject } from '../../../src/core/public/publicProject';
import { putServerRecord } from '../../../src/server/catalog';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends, type TestDatabase } from '../backends';
import { newClientId, OTHER_PROJECT, setupServer, type TestServer } from '../harness';

/**
 * A public project's aid-flow totals on the public site (docs/aid-flows.md, "Public site"): committed and
 * disbursed, summed on the server; no transaction of a private project, nor any transaction itself, leaks.
 */
const tx = (id: string, projectId: string, type: string, value: number, currency: string) => ({
  id,
  projectId,
  type,
  date: '2026-03-02',
  value,
  currency,
  valueDate: '2026-03-02',
  providerOrgId: null,
  receiverOrgId: null,
  sector: null,
  region: '',
  description: `note-of-${id}`,
});

describe.each(backends)('aid flows on the public site on $name', (backend) => {
  let server: TestServer | undefined;
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await server?.close();
    await db?.cleanup();
    server = undefined;
    db = undefined;
  });

  it('shows a public project’s committed and disbursed totals, and nothing of a private project’s flows', async () => {
    server = await setupServer(backend);
    const s = server;
    const put = (table: 'transactions' | 'exchangeRates', data: Record<string, unknown>) =>
      s.storage.transaction((t) => putServerRecord(t, table, data as never, null, new Date()));
    await put('transactions', tx('pub-c', DEMO_PROJECT.id, '2', 6_000_000, 'XOF'));
    await put('transactions', tx('pub-d', DEMO_PROJECT.id, '3', 1_000, 'EUR'));
    await put('transactions', tx('pub-e', DEMO_PROJECT.id, '4', 500_000, 'XOF'));
    await put('transactions', tx('priv-c', OTHER_PROJECT, '2', 987_654_321, 'XOF'));
    await put('exchangeRates', {
      id: 'EUR:2026-03',
      currency: 'EUR',
      month: '2026-03',
      xofPerUnit: 655.957,
      source: '',
    });

    const adminDevice = newClientId();
    const published = await server.push('admin', adminDevice, [
      {
        mutationId: randomUUID(),
        clientId: adminDevice,
        seq: 1,
        hlc: encodeHlc({ wall: Date.now(), counter: 0, node: adminDevice }),
        table: 'projects',
        id: DEMO_PROJECT.id,
        op: 'put',
        fields: { public: true },
      },
    ]);
    expect(published.body.results[0]?.status).toBe('applied');

    const path = `/public/api/projects/${DEMO_PROJECT.id}`;
    const first = await server.request(path);
    const shown = PublicProject.parse(await first.json());
    // No USD rate for March: the USD totals are unknown, not a sum that left the euros out.
    expect(shown.flows).toEqual({
      committed: { xof: 6_000_000, usd: null },
      disbursed: { xof: 655_957, usd: null },
    });

    const bodies: string[] = [];
    for (const p of ['/public/api/projects', path, '/public/iati/activities.xml', '/public/feed.xml'])
      bodies.push(await (await server.request(p)).text());
    const all = bodies.join('\n');
    for (const absent of ['987654321', '987 654 321', 'note-of-', 'priv-c', 'pub-d', OTHER_PROJECT])
      expect(all, absent).not.toContain(absent);

    // A new rate changes the totals: the ETag of the answer changes with it (the stamp covers rates).
    const etag = first.headers.get('etag')!;
    await put('exchangeRates', {
      id: 'USD:2026-03',
      currency: 'USD',
      month: '2026-03',
      xofPerUnit: 600,
      source: '',
    });
    const again = await server.request(path, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(200);
    expect(PublicProject.parse(await again.json()).flows.committed.usd).toBe(10_000);
    // And a new transaction too.
    const etag2 = again.headers.get('etag')!;
    await put('transactions', tx('pub-d2', DEMO_PROJECT.id, '3', 45_000, 'XOF'));
    const third = await server.request(path, { headers: { 'if-none-match': etag2 } });
    expect(third.status).toBe(200);
    expect(PublicProject.parse(await third.json()).flows.disbursed.xof).toBe(700_957);
  });
});
