import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../src/server/iati/applyImport';
import { backends } from '../backends';
import { setupServer, type TestServer } from '../harness';

const SAMPLE = readFileSync(new URL('./files/sample.xml', import.meta.url), 'utf8');

describe.each(backends)('POST /api/iati/import ($name)', (backend) => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  const upload = async (user: string, body: string, query = '', type = 'application/xml') =>
    server.request(`/api/iati/import${query}`, {
      method: 'POST',
      token: await server.login(user),
      headers: { 'content-type': type },
      body,
    });

  it('is for admins; a dry run reports, an import writes and audits with the admin', async () => {
    server = await setupServer(backend);
    expect((await upload('supervisor', SAMPLE, '?dryRun=1')).status).toBe(403);
    expect((await upload('admin', SAMPLE, '?dryRun=1', 'text/plain')).status).toBe(415);
    const dry = await upload('admin', SAMPLE, '?dryRun=1&file=wash.xml');
    expect(dry.status).toBe(200);
    const dryReport = (await dry.json()) as ImportReport;
    expect(dryReport.dryRun).toBe(true);
    expect(dryReport.records.filter((r) => r.action === 'created')).toHaveLength(7);
    // Each note a code and its parameters for the admin page, with the English sentence for logs.
    expect(dryReport.notes).toContainEqual({
      activity: 'ML-NIF-0042-WASH-01',
      code: 'sectors_other_vocabulary',
      params: { count: 1 },
      message: 'ML-NIF-0042-WASH-01: 1 sector(s) of other vocabularies left out',
    });
    expect(await server.storage.listAudit(50, { action: 'iati.' })).toEqual([]);

    const res = await upload('admin', SAMPLE, '?file=wash.xml');
    expect(res.status).toBe(200);
    const audit = await server.storage.listAudit(50, { action: 'iati.' });
    expect(audit).toHaveLength(7);
    const admin = await server.storage.userByUsername('admin');
    expect(audit.every((a) => a.userId === admin?.id)).toBe(true);
  });

  it('refuses a file without an identifier with its code, the activity, and no column', async () => {
    server = await setupServer(backend);
    const res = await upload('admin', '<iati-activities>\n<iati-activity/>\n</iati-activities>');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: unknown } };
    expect(body.error.details).toEqual({
      line: 2,
      column: null,
      reason: 'activity 1 has no iati-identifier',
      code: 'missing_identifier',
      params: { activity: 1 },
    });
  });

  it('refuses a malformed file with its line and reason', async () => {
    server = await setupServer(backend);
    const res = await upload('admin', '<iati-activities>\n<iati-activity>\n</iati-activities>');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: unknown } };
    expect(body.error).toMatchObject({
      code: 'validation',
      details: { line: 3, reason: 'unexpected close tag.', code: 'xml_unexpected_close_tag', params: {} },
    });
  });
});
