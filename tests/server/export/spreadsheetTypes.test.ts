import * as XLSX from '@e965/xlsx';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExportCli } from '../../../src/server/export/commands';
import { DEMO_FORM } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';

const PHONE = '+223 76 12 34 56';
const BOM = [0xef, 0xbb, 0xbf];

/** What spreadsheets and GIS read: typed XLSX cells, a CSV Excel reads as UTF-8, typed GeoJSON properties. */
describe.each(backends)('exports that spreadsheets and GIS read well, on $name', (backend) => {
  let server: TestServer;

  beforeEach(async () => {
    server = await setupServer(backend);
    const client = newClientId();
    const pushed = await server.push('agent', client, [
      submission(client, 1, { answers: { respondent_name: PHONE, household_size: 7 } }),
    ]);
    expect(pushed.body.results?.[0]?.status).toBe('applied');
  });
  afterEach(async () => {
    await server?.close();
  });

  async function get(path: string) {
    const res = await server.request(path, { token: await server.login('supervisor') });
    expect(res.status, path).toBe(200);
    return res;
  }

  it('starts a CSV with the UTF-8 byte-order mark and leaves a phone number as it was', async () => {
    const res = await get(`/api/export/csv?form=${DEMO_FORM.id}&includePersonal=true&lang=fr`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('SubmissionDate,')).toBe(true);
    expect(text).toContain(`,${PHONE},`);
    expect(text).toContain('Femme');
    // HXL files are for HXL tools, which read plain UTF-8: no mark there.
    const hxl = new Uint8Array(await (await get(`/api/export/hxl?form=${DEMO_FORM.id}`)).arrayBuffer());
    expect([...hxl.slice(0, 3)]).not.toEqual(BOM);
  });

  it('writes the CLI’s CSV files with the byte-order mark too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'terrain-bom-'));
    try {
      const io = { out: () => {}, err: () => {}, env: {}, storage: server.storage };
      expect(await runExportCli(['csv', '--form', DEMO_FORM.id, '--out', dir], io)).toBe(0);
      const bytes = await readFile(join(dir, `${DEMO_FORM.id}.csv`));
      expect([...bytes.subarray(0, 3)]).toEqual(BOM);
      expect(bytes.toString('utf8')).toContain(',7,');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes numbers and dates as typed XLSX cells, text as text', async () => {
    const res = await get(`/api/export/xlsx?form=${DEMO_FORM.id}&includePersonal=true`);
    const book = XLSX.read(new Uint8Array(await res.arrayBuffer()), { cellDates: true });
    const sheet = book.Sheets[book.SheetNames[0] ?? '']!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
    const header = rows[0] as string[];
    // Row 1 the header, row 2 the HXL hashtags, row 3 the submission.
    const cell = (name: string): XLSX.CellObject | undefined =>
      sheet[XLSX.utils.encode_cell({ r: 2, c: header.indexOf(name) })] as XLSX.CellObject | undefined;
    expect(cell('household_size')).toMatchObject({ t: 'n', v: 7 });
    expect(cell('location-Latitude')).toMatchObject({ t: 'n', v: 16.2717 });
    expect(cell('visit_date')?.t).toBe('d');
    expect((cell('visit_date')?.v as Date).toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(cell('visit_date')?.w).toBe('2026-11-24');
    expect((cell('SubmissionDate')?.v as Date).toISOString()).toBe('2026-11-24T07:45:00.000Z');
    expect(cell('respondent_name')).toMatchObject({ t: 's', v: PHONE });
    expect(cell('KEY')?.t).toBe('s');
  });

  it('types GeoJSON properties: numbers as numbers', async () => {
    const res = await get(`/api/export/geojson?form=${DEMO_FORM.id}&includePersonal=true`);
    const { features } = (await res.json()) as { features: { properties: Record<string, unknown> }[] };
    expect(features[0]?.properties).toMatchObject({
      household_size: 7,
      'location-Latitude': 16.2717,
      respondent_name: PHONE,
      visit_date: '2026-11-24',
    });
  });
});
