import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormDefinition } from '../../../src/core/forms/definition';
import { runExportCli } from '../../../src/server/export/commands';
import { DEMO_ANSWERS, DEMO_FORM, DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import {
  newClientId,
  OTHER_PROJECT,
  publishDefinition,
  setupServer,
  submission,
  type TestServer,
} from '../harness';

/**
 * The other project's form under the demo form's id and version, with a question of its own and no personal
 * questions (so its agent's export shows the names these tests look for).
 */
const OTHER_FORM = FormDefinition.parse({
  ...DEMO_FORM,
  items: [
    ...DEMO_FORM.items.map((item) => ({ ...item, personal: undefined })),
    { kind: 'question', type: 'text', name: 'b_only', label: { fr: 'B', en: 'B' } },
  ],
});

/**
 * Two projects with the same form id (issue 11, hole 6): an export gives only what the user may see, the
 * form of the project the rows come from, and asks which project when the user may see both.
 */
describe.each(backends)('exports of a form id two projects use, on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
    await publishDefinition(server.storage, OTHER_FORM, server.clock.now, OTHER_PROJECT);
    const a = newClientId();
    expect((await server.push('agent', a, [submission(a, 1)])).body.results[0]?.status).toBe('applied');
    const b = newClientId();
    const theirs = submission(b, 1, {
      fields: { projectId: OTHER_PROJECT, data: { ...DEMO_ANSWERS, respondent_name: 'Bintou', b_only: 'x' } },
    });
    expect((await server.push('outsider', b, [theirs])).body.results[0]?.status).toBe('applied');
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The CSV export; supervisors and admins ask for the personal columns (the names these tests follow). */
  async function csv(username: string, query: string) {
    const personal = ['supervisor', 'admin'].includes(username) ? '&includePersonal=true' : '';
    const res = await server.request(`/api/export/csv?form=${DEMO_FORM.id}&codes=true${query}${personal}`, {
      token: await server.login(username),
    });
    return { status: res.status, text: await res.text() };
  }

  it("gives each project's members their own project's rows and columns", async () => {
    const a = await csv('supervisor', '');
    expect(a.status).toBe(200);
    expect(a.text).toContain('Aminata');
    expect(a.text).not.toContain('Bintou');
    expect(a.text).not.toContain('b_only');
    const b = await csv('outsider', '');
    expect(b.status).toBe(200);
    expect(b.text).toContain('Bintou');
    expect(b.text).toContain('b_only');
    expect(b.text).not.toContain('Aminata');
    // Asking for the other project is refused, as for any project one is not a member of.
    expect((await csv('outsider', `&project=${DEMO_PROJECT.id}`)).status).toBe(403);
  });

  it('asks someone who sees both projects to choose one, then exports that one', async () => {
    const both = await csv('admin', '');
    expect(both.status).toBe(400);
    expect(JSON.parse(both.text)).toMatchObject({ error: { code: 'validation' } });
    expect(both.text).toContain(OTHER_PROJECT);
    const b = await csv('admin', `&project=${OTHER_PROJECT}`);
    expect(b.text).toContain('Bintou');
    expect(b.text).not.toContain('Aminata');
    const a = await csv('admin', `&project=${DEMO_PROJECT.id}`);
    expect(a.text).toContain('Aminata');
    expect(a.text).not.toContain('b_only');
  });

  it('does the same from the command line', async () => {
    const lines: string[] = [];
    const io = {
      out: () => undefined,
      err: (line: string) => lines.push(line),
      env: {},
      storage: server.storage,
    };
    expect(await runExportCli(['csv', '--form', DEMO_FORM.id, '--out', '/tmp/never-written.zip'], io)).toBe(
      2,
    );
    expect(lines.join('\n')).toContain('--project');
  });
});
