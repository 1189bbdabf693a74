import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormVersion, formVersionKey } from '../../../src/core/records/formVersion';
import { WirePullResponse } from '../../../src/core/sync/protocol';
import { createAccount } from '../../../src/server/accounts';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { DEMO_FORM, DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, OTHER_PROJECT, PASSWORD, setupServer, submission, type TestServer } from '../harness';
import { formUpload } from './fixtureFiles';

/** A sectioned CSV form (pyxform's layout) with the demo form's id, a version and one required question. */
function formCsv(version: string, question: string): string {
  return [
    'survey',
    ',type,name,label,required',
    `,text,${question},${question},yes`,
    'settings',
    ',form_id,version,form_title',
    `,${DEMO_FORM.id},${version},Ménage ${question}`,
    '',
  ].join('\n');
}

/**
 * Hole 6 of issue 11: form versions are keyed by project. A supervisor of another project publishing the
 * demo project's form id (as its own form) neither blocks the demo project's next version nor reaches its
 * devices, and nothing the server answers names the other project.
 */
describe.each(backends)('forms keyed by project on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
    // A supervisor of the other project only.
    await server.storage.transaction((tx) =>
      createAccount(
        tx,
        {
          username: 'supervisor2',
          displayName: 'supervisor2',
          role: 'supervisor',
          password: PASSWORD,
          projectIds: [OTHER_PROJECT],
        },
        server.clock.now,
        TEST_PASSWORD_COST,
      ),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  async function publish(username: string, projectId: string, csv: string) {
    const res = await server.request(`/api/projects/${projectId}/forms`, {
      token: await server.login(username),
      body: formUpload(csv, 'menage.csv'),
    });
    return { status: res.status, body: (await res.json()) as { error?: { message: string } } };
  }

  const pulledForms = async (username: string) =>
    (await server.pullAll(username))
      .filter((c) => c.table === 'forms')
      .map((c) => ({ id: c.id, ...FormVersion.parse(c.data) }));

  it("lets another project publish the same form id and version without touching this project's", async () => {
    // B takes A's id, with A's current version and A's next one.
    expect((await publish('supervisor2', OTHER_PROJECT, formCsv(DEMO_FORM.version, 'b_only'))).status).toBe(
      201,
    );
    expect((await publish('supervisor2', OTHER_PROJECT, formCsv('2099-01-01', 'b_next'))).status).toBe(201);
    // A's next version still publishes.
    expect((await publish('supervisor', DEMO_PROJECT.id, formCsv('2099-01-01', 'a_next'))).status).toBe(201);

    // A's devices see A's versions only, under keys of their own.
    const seenByAgent = await pulledForms('agent');
    expect(seenByAgent.map((f) => [f.id, f.projectId, f.version])).toEqual([
      [formVersionKey(DEMO_PROJECT.id, DEMO_FORM.id, DEMO_FORM.version), DEMO_PROJECT.id, DEMO_FORM.version],
      [formVersionKey(DEMO_PROJECT.id, DEMO_FORM.id, '2099-01-01'), DEMO_PROJECT.id, '2099-01-01'],
    ]);
    expect(JSON.stringify(seenByAgent)).not.toContain('b_only');
    expect(JSON.stringify(seenByAgent)).not.toContain('b_next');
    // B's devices see B's only.
    expect((await pulledForms('outsider')).map((f) => [f.projectId, f.version])).toEqual([
      [OTHER_PROJECT, DEMO_FORM.version],
      [OTHER_PROJECT, '2099-01-01'],
    ]);
    // Someone in both projects gets all four, apart.
    expect(new Set((await pulledForms('admin')).map((f) => f.id)).size).toBe(
      (await pulledForms('admin')).length,
    );
  });

  it('sends an app of before project keys the form ids it knows', async () => {
    const res = await server.request('/api/sync/pull?cursor=0&limit=1000&protocol=3&scope=0', {
      token: await server.login('agent'),
    });
    const page = WirePullResponse.parse(await res.json());
    const forms = page.changes.filter((c) => c.table === 'forms');
    expect(forms.map((c) => c.id)).toEqual([
      `${DEMO_FORM.id}@${DEMO_FORM.version}`,
      `${DEMO_FORM.id}@2099-01-01`,
    ]);
  });

  it("validates a submission against its own project's version", async () => {
    const push = async (username: string, projectId: string, data: Record<string, unknown>) => {
      const clientId = newClientId();
      const m = submission(clientId, 1, {
        fields: { formId: DEMO_FORM.id, formVersion: '2099-01-01', projectId, data },
      });
      return (await server.push(username, clientId, [m])).body.results[0];
    };
    expect(await push('agent', DEMO_PROJECT.id, { a_next: 'oui' })).toMatchObject({ status: 'applied' });
    expect(await push('outsider', OTHER_PROJECT, { b_next: 'oui' })).toMatchObject({ status: 'applied' });
    // Each project's required question is its own.
    expect(await push('outsider', OTHER_PROJECT, { a_next: 'oui' })).toMatchObject({
      status: 'rejected',
      code: 'validation',
    });
    expect(await push('agent', DEMO_PROJECT.id, { b_next: 'oui' })).toMatchObject({
      status: 'rejected',
      code: 'validation',
    });
  });

  it('names nothing of another project in its answers', async () => {
    // A version only the demo project has: to the other project it is as unknown as one nobody has.
    expect((await publish('supervisor', DEMO_PROJECT.id, formCsv('2100-01-01', 'a_only'))).status).toBe(201);
    const push = async (version: string) => {
      const clientId = newClientId();
      const m = submission(clientId, 1, {
        fields: { formId: DEMO_FORM.id, formVersion: version, projectId: OTHER_PROJECT, data: {} },
      });
      return (await server.push('outsider', clientId, [m])).body.results[0];
    };
    const known = await push('2100-01-01');
    const unknown = await push('2200-01-01');
    expect(known).toMatchObject({ status: 'rejected', code: 'unknown_form' });
    expect(unknown).toMatchObject({ status: 'rejected', code: 'unknown_form' });
    const message = (r: typeof known) => (r?.status === 'rejected' ? r.message : '');
    expect(message(known).replace('2100', 'X')).toBe(message(unknown).replace('2200', 'X'));

    // Publishing it in the other project tells nothing of the demo project's: it is a version like any.
    expect((await publish('supervisor2', OTHER_PROJECT, formCsv('2100-01-01', 'b_own'))).status).toBe(201);
    // Publishing twice in one's own project is refused, naming that project's form only.
    const again = await publish('supervisor2', OTHER_PROJECT, formCsv('2100-01-01', 'b_again'));
    expect(again.status).toBe(409);
    expect(again.body.error?.message).not.toContain(DEMO_PROJECT.id);
    // And publishing into a project one is not a member of says nothing of what it holds.
    const foreign = await publish('supervisor2', DEMO_PROJECT.id, formCsv('2300-01-01', 'x'));
    const missing = await publish('supervisor2', 'no-such-project', formCsv('2300-01-01', 'x'));
    expect([foreign.status, missing.status]).toEqual([403, 403]);
    expect(foreign.body).toEqual(missing.body);
  });
});
