import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormEngine } from '../../../src/core/forms/engine';
import { DEMO_ANSWERS, DEMO_FORM } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';

/** What finalizing adds to a submission's answers (meta.instanceName) passes the server's validation. */
describe.each(backends)('submission metadata pushed to $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('accepts meta.instanceName as finalize stores it, and refuses anything else under meta', async () => {
    const engine = createFormEngine({ ...DEMO_FORM, settings: { instanceName: "concat('Ménage ', 12)" } });
    const finalized = engine.finalize(DEMO_ANSWERS, 'fr');
    if (!finalized.ok) expect.fail(JSON.stringify(finalized.issues));
    expect(finalized.answers.meta).toEqual({ instanceName: 'Ménage 12' });

    const clientId = newClientId();
    const mutations = [
      submission(clientId, 1, { answers: { meta: finalized.answers.meta } }),
      submission(clientId, 2, { answers: { meta: { instanceID: 'uuid:x' } } }),
      submission(clientId, 3, { answers: { meta: { instanceName: 42 } } }),
    ];
    const { status, body } = await server.push('agent', clientId, mutations);
    expect(status).toBe(200);
    expect(body.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected']);
    const stored = await server.storage.transaction((tx) => tx.getEntity('submissions', mutations[0]!.id));
    expect(stored?.data).toMatchObject({ data: { meta: { instanceName: 'Ménage 12' } } });
  });
});
