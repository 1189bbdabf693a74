import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { formUpload } from '../forms/fixtureFiles';
import { newClientId, setupServer, submission, type TestServer } from '../harness';

/** A partner-report form as a supervisor writes it in Excel, with Kobo's hxl column on two questions. */
const FORM = [
  'survey',
  ',type,name,label,hxl',
  ',text,partenaire,Partenaire,#org +impl',
  ',integer,filles,Filles scolarisées,#reached+f+children',
  ',text,remarque,Remarque,',
  'settings',
  ',form_id,version',
  ',rapport_partenaire,3',
].join('\n');

describe.each(backends)('the hashtags of an uploaded XLSForm on $name', (backend) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await setupServer(backend);
  });
  afterEach(async () => {
    await server?.close();
  });

  async function publish(text: string) {
    const res = await server.request(`/api/projects/${DEMO_PROJECT.id}/forms`, {
      token: await server.login('supervisor'),
      body: formUpload(text, 'rapport.csv'),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('head the HXL export: the form’s column first, the default mapping for the rest', async () => {
    expect((await publish(FORM)).status).toBe(201);
    const client = newClientId();
    const report = submission(client, 1, { fields: { formId: 'rapport_partenaire', formVersion: '3' } });
    // This form's answers only: the server checks them against the published version.
    report.fields = { ...report.fields, data: { partenaire: 'ADN', filles: 42, remarque: '=1+1' } };
    const pushed = await server.push('agent', client, [report]);
    expect(pushed.body.results.map((r) => r.status)).toEqual(['applied']);

    const res = await server.request('/api/export/hxl?form=rapport_partenaire&codes=true', {
      token: await server.login('supervisor'),
    });
    expect(res.status).toBe(200);
    const [header, hashtags, row] = (await res.text()).split('\r\n');
    const columns = header?.split(',') ?? [];
    const tagOf = (name: string) => hashtags?.split(',')[columns.indexOf(name)];
    expect(tagOf('partenaire')).toBe('#org+impl');
    expect(tagOf('filles')).toBe('#reached+f+children');
    // No hashtag in the form: the default mapping, which leaves a free-text remark untagged.
    expect(tagOf('remarque')).toBe('');
    expect(tagOf('KEY')).toBe('#meta+id');
    // A formula typed in the field reaches a spreadsheet as text, never as a formula.
    expect(row?.split(',')[columns.indexOf('remarque')]).toBe("'=1+1");
  });

  it('refuse a form whose hxl cell is no hashtag with 422, naming the row, and publish nothing', async () => {
    const { status, body } = await publish(FORM.replace('#org +impl', 'org+impl'));
    expect(status).toBe(422);
    const issues = (body.error as { details: { issues: { row: number; column: string; message: string }[] } })
      .details.issues;
    expect(issues).toEqual([expect.objectContaining({ row: 3, column: 'hxl' })]);
    expect(issues[0]?.message).toMatch(/not an HXL hashtag/);
    const forms = (await server.pullAll('admin')).filter((c) => c.table === 'forms').map((c) => c.id);
    expect(forms.some((id) => id.startsWith('rapport_partenaire'))).toBe(false);
  });
});
