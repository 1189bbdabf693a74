import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { auditListCommand, auditVerifyCommand } from '../../../src/server/audit/commands';
import { DEMO_ANSWERS, DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import type { AuditRecord } from '../../../src/server/storage/Storage';
import { backends } from '../backends';
import { formUpload } from '../forms/fixtureFiles';
import { newClientId, setupServer, submission, type TestServer } from '../harness';

const FROM = {
  'x-forwarded-for': '192.0.2.1, 10.20.30.40',
  'user-agent': 'Mozilla/5.0 (Android 12) Terrain-test',
};

/** Every security-relevant act leaves an entry: who, for whom, from where, on what, and what changed. */
describe.each(backends)('the audit trail on $name', (backend) => {
  let server: TestServer;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    server = await setupServer(backend, { trustProxy: true });
    for (const name of ['admin', 'supervisor', 'focal', 'agent'])
      ids[name] = (await server.storage.userByUsername(name))!.id;
  });
  afterAll(async () => {
    await server?.close();
  });

  async function latest(action: string): Promise<AuditRecord> {
    const [entry] = await server.storage.listAudit(1, { action });
    if (!entry) throw new Error(`no ${action} entry`);
    return entry;
  }

  async function as(username: string, path: string, init: { json?: unknown; body?: BodyInit } = {}) {
    // Signed in through the same proxy, so the token's login is audited from the same address.
    const login = await server.request('/api/auth/login', {
      json: { username, password: 'test-password-1' },
      headers: FROM,
    });
    const { token } = (await login.json()) as { token: string };
    return server.request(path, { ...init, token, headers: FROM });
  }

  it('records a sign-in with the address the proxy saw and the user agent', async () => {
    await as('agent', '/api/me');
    expect(await latest('auth.login')).toMatchObject({
      userId: ids.agent,
      tbl: 'users',
      recordId: ids.agent,
      address: '10.20.30.40',
      userAgent: FROM['user-agent'],
    });
  });

  it('records a pushed submission by a hash of its content, not its answers', async () => {
    const clientId = newClientId();
    const s = submission(clientId, 1);
    const res = await as('agent', '/api/sync/push', { json: { clientId, mutations: [s] } });
    expect(res.status).toBe(200);
    const entry = await latest('submission.create');
    expect(entry).toMatchObject({
      userId: ids.agent,
      recordId: s.id,
      address: '10.20.30.40',
      details: { projectId: DEMO_PROJECT.id, formId: s.fields.formId, replaces: null },
    });
    expect((entry.details as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.detailsJson).not.toContain(DEMO_ANSWERS.respondent_name);
  });

  it('records each change of a record with its values before and after, and refusals of rights', async () => {
    const agentClient = newClientId();
    const s = submission(agentClient, 1);
    await server.push('agent', agentClient, [s]);
    const focalClient = newClientId();
    const review = (seq: number, fields: Record<string, unknown>) => ({
      mutationId: randomUUID(),
      clientId: focalClient,
      seq,
      hlc: encodeHlc({ wall: Date.parse('2026-11-24T08:00:00.000Z') + seq, counter: 0, node: focalClient }),
      table: 'reviews',
      id: s.id,
      op: 'put' as const,
      fields: { submissionId: s.id, projectId: DEMO_PROJECT.id, ...fields },
    });
    await as('focal', '/api/sync/push', {
      json: { clientId: focalClient, mutations: [review(1, { status: 'has_issues', comment: 'Âge ?' })] },
    });
    expect(await latest('reviews.put')).toMatchObject({
      userId: ids.focal,
      recordId: s.id,
      details: { before: { status: null, comment: null }, after: { status: 'has_issues', comment: 'Âge ?' } },
    });
    await as('focal', '/api/sync/push', {
      json: { clientId: focalClient, mutations: [review(2, { status: 'verified' })] },
    });
    expect(await latest('reviews.put')).toMatchObject({
      details: { before: { status: 'has_issues' }, after: { status: 'verified' } },
    });

    // A focal point may not approve: refused, and the attempt is in the log.
    const refused = await as('focal', '/api/sync/push', {
      json: { clientId: focalClient, mutations: [review(3, { status: 'approved' })] },
    });
    expect(((await refused.json()) as { results: { status: string }[] }).results[0]?.status).toBe('rejected');
    expect(await latest('change.refused')).toMatchObject({
      userId: ids.focal,
      tbl: 'reviews',
      recordId: s.id,
      details: { seq: 3, op: 'put' },
    });
  });

  it('records exports with their filters and how many records left, and form publications', async () => {
    const clientId = newClientId();
    await server.push('agent', clientId, [submission(clientId, 1)]);
    const exported = await as(
      'supervisor',
      `/api/export/csv?form=household_survey&project=${DEMO_PROJECT.id}`,
    );
    expect(exported.status).toBe(200);
    const entry = await latest('export.csv');
    expect(entry).toMatchObject({
      userId: ids.supervisor,
      address: '10.20.30.40',
      details: { project: DEMO_PROJECT.id, form: 'household_survey', lang: 'fr', codes: false },
    });
    expect((entry.details as { records: number }).records).toBeGreaterThan(0);

    const csv = 'type,name,label\ninteger,age,Age\n';
    const published = await as('supervisor', `/api/projects/${DEMO_PROJECT.id}/forms`, {
      body: formUpload(csv, 'Age.csv'),
    });
    expect(published.status).toBe(201);
    expect(await latest('form.publish')).toMatchObject({
      userId: ids.supervisor,
      address: '10.20.30.40',
      details: { projectId: DEMO_PROJECT.id, formId: 'age' },
    });
  });

  it('lists entries for the operator, as text, JSON or CSV, and verifies the chain', async () => {
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line) };
    await auditListCommand(server.storage, ['--user', 'agent', '--action', 'auth.', '--format', 'json'], io);
    const rows = JSON.parse(lines.join('\n')) as { actor: string; action: string; address: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.actor === 'agent' && r.action.startsWith('auth.'))).toBe(true);

    lines.length = 0;
    await auditListCommand(server.storage, ['--action', 'export.csv', '--format', 'csv'], io);
    expect(lines[0]).toBe('seq,at,actor,onBehalfOf,action,table,recordId,address,userAgent,details');
    expect(lines[1]).toContain(',supervisor,,export.csv,');

    lines.length = 0;
    await expect(auditListCommand(server.storage, ['--since', 'yesterday-ish'], io)).rejects.toThrow(
      /--since/,
    );
    expect(await auditVerifyCommand(server.storage, io)).toBe(0);
    expect(lines.join('\n')).toMatch(/intact/);
  });
});
