import { serve } from '@hono/node-server';
import diagnostics from 'node:diagnostics_channel';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_PARSE_CHANNEL } from '../../../src/server/forms/parseChannel';
import { MAX_FORM_COLUMNS, MAX_FORM_ROWS } from '../../../src/server/forms/readWorkbook';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { setupServer, type TestServer } from '../harness';
import { formUpload } from './fixtureFiles';
import { xlsxForm, zipBomb } from './hostileFiles';

/**
 * Hole 8 of issue 11: form uploads that gave a 500 or froze the server. A multipart body cut short is a 400;
 * a workbook that unpacks to 1 GB is refused from its zip directory, before anything is inflated; too many
 * rows or columns are refused; and forms are read off the main thread, so the server answers meanwhile.
 */
const FORMS = `/api/projects/${DEMO_PROJECT.id}/forms`;

/** `rows` text questions as a CSV survey, the last one of an unknown type when `broken`. */
function csvSurvey(rows: number, broken = false): string {
  const lines = ['type,name,label'];
  for (let i = 1; i <= rows; i += 1) lines.push(`text,q${i},Question ${i}`);
  if (broken) lines.push('teleport,nowhere,Nowhere');
  return `${lines.join('\n')}\n`;
}

describe.each(backends)('hostile form uploads ($name)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  const forms = async () =>
    (await server.pullAll('admin')).filter((c) => c.table === 'forms').map((c) => c.id);

  async function post(body: BodyInit, headers: Record<string, string> = {}) {
    const res = await server.request(FORMS, { token: await server.login('supervisor'), body, headers });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
  }

  it('answers 400 to a multipart body cut short, and publishes nothing', async () => {
    const before = await forms();
    const whole = new Request('http://x/', { method: 'POST', body: formUpload(csvSurvey(3), 'f.csv') });
    const type = whole.headers.get('content-type')!;
    const bytes = new Uint8Array(await whole.arrayBuffer());
    for (const cut of [bytes.byteLength - 10, Math.floor(bytes.byteLength / 2), 5]) {
      const { status, body } = await post(bytes.slice(0, cut), { 'content-type': type });
      expect(status, JSON.stringify(body)).toBe(400);
      expect(body.error?.code).toBe('bad_request');
    }
    expect(await forms()).toEqual(before);
  });

  it('refuses a workbook that unpacks to 1 GB from its zip directory, before inflating it', async () => {
    const before = await forms();
    const { status, body } = await post(formUpload(zipBomb(1024), 'bomb.xlsx'));
    expect(status).toBe(413);
    expect(body.error).toMatchObject({ code: 'payload_too_large' });
    expect(body.error?.message).toMatch(/unpack/i);
    expect(await forms()).toEqual(before);
  });

  it('refuses more rows or columns than a form can have, in a CSV and in a workbook', async () => {
    const tooLong = await post(formUpload(csvSurvey(MAX_FORM_ROWS + 1), 'long.csv'));
    expect(tooLong.status).toBe(413);
    expect(tooLong.body.error?.message).toMatch(/rows/);
    const header = ['type', 'name', 'label', ...Array.from({ length: MAX_FORM_COLUMNS }, (_, i) => `x${i}`)];
    const tooWide = await post(formUpload(`${header.join(',')}\ntext,a,A\n`, 'wide.csv'));
    expect(tooWide.status).toBe(413);
    expect(tooWide.body.error?.message).toMatch(/columns/);
    const rows = [
      ['type', 'name', 'label'],
      ...Array.from({ length: MAX_FORM_ROWS + 1 }, (_, i) => ['text', `q${i}`, 'Q']),
    ];
    const tallBook = await post(formUpload(xlsxForm(rows), 'long.xlsx'));
    expect(tallBook.status).toBe(413);
    expect(tallBook.body.error?.message).toMatch(/rows/);
  });

  it('keeps answering /api/health while a large form is being read', async () => {
    // Over real sockets, as in production: a request that arrives while the main thread is busy waits.
    const http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => http.once('listening', () => resolve()));
    const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const order: string[] = [];
    let health: Promise<Response> | undefined;
    // Health is asked once the server has started reading the form.
    const onParse = (message: unknown) => {
      if ((message as { phase: string }).phase !== 'start' || health) return;
      health = fetch(`${origin}/api/health`).then((res) => {
        order.push('health');
        return res;
      });
    };
    diagnostics.subscribe(FORM_PARSE_CHANNEL, onParse);
    try {
      const uploaded = await fetch(`${origin}${FORMS}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await server.login('supervisor')}` },
        body: formUpload(csvSurvey(40_000, true), 'large.csv'),
      }).then((res) => {
        order.push('upload');
        return res;
      });
      expect(uploaded.status).toBe(422);
      expect((await health)?.status).toBe(200);
      expect(order).toEqual(['health', 'upload']);
    } finally {
      diagnostics.unsubscribe(FORM_PARSE_CHANNEL, onParse);
      http.close();
    }
  });
});
