import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  downloadExport,
  exportPath,
  fileNameOf,
  type DownloadProgress,
  type ExportQuery,
} from '../../../src/app/api/exportDownload';
import { ApiError, NetworkError } from '../../../src/app/api/errors';
import {
  PROJECT_PLACES,
  queryOf,
  withForm,
  type ExportChoices,
} from '../../../src/app/components/exports/exportChoices';
import type { FormRecord } from '../../../src/app/db/schema';
import { hrefOf, parseHash } from '../../../src/app/state/router';

const query: ExportQuery = {
  format: 'csv',
  project: 'p-gao',
  form: 'menage',
  lang: 'fr',
  codes: false,
  includePersonal: false,
};

/** A body that arrives in `chunks`, as a long export does. */
function streamed(chunks: Uint8Array[], headers: Record<string, string>): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('downloading an export', () => {
  it('asks the API with the token, reports progress chunk by chunk, keeps the bytes (BOM included)', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const rest = new TextEncoder().encode('KEY\r\n+223 76 12 34 56\r\n');
    const seen: { url: string; auth: string | null }[] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      seen.push({ url, auth: new Headers(init.headers).get('Authorization') });
      return Promise.resolve(
        streamed([bom, rest], {
          'Content-Length': String(bom.length + rest.length),
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="menage.csv"',
        }),
      );
    });
    const progress: DownloadProgress[] = [];
    const file = await downloadExport(query, 'tok', (p) => progress.push(p));
    expect(seen).toEqual([{ url: '/api/export/csv?lang=fr&project=p-gao&form=menage', auth: 'Bearer tok' }]);
    const total = bom.length + rest.length;
    expect(progress).toEqual([
      { received: 0, total },
      { received: 3, total },
      { received: total, total },
    ]);
    expect(file.fileName).toBe('menage.csv');
    expect([...new Uint8Array(await file.blob.arrayBuffer())].slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('turns a refusal into an ApiError with the server’s message, no answer into a NetworkError', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        new Response(
          JSON.stringify({ error: { code: 'forbidden', message: 'IATI files are for supervisors' } }),
          {
            status: 403,
            headers: { 'Content-Type': 'application/json' },
          },
        ),
      ),
    );
    const refused = await downloadExport(query, 't', () => {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({
      status: 403,
      code: 'forbidden',
      message: 'IATI files are for supervisors',
    });
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await downloadExport(query, 't', () => {}).catch((e: unknown) => e)).toBeInstanceOf(NetworkError);
  });

  it('builds the query the server reads, and a file name when the server gives none', () => {
    expect(exportPath({ ...query, codes: true, includePersonal: true, format: 'xlsx' })).toBe(
      '/api/export/xlsx?lang=fr&project=p-gao&form=menage&codes=true&includePersonal=true',
    );
    expect(exportPath({ format: 'iati', lang: 'en', codes: false, includePersonal: false })).toBe(
      '/api/export/iati?lang=en',
    );
    expect(fileNameOf(null, { ...query, format: 'hxl' })).toBe('menage.csv');
    expect(fileNameOf('attachment; filename="../x"', { ...query, format: 'iati' })).toBe('menage.xml');
    expect(fileNameOf(null, { ...query, format: 'iati-organisations' })).toBe('menage.xml');
  });
});

describe('the Exports page’s choices', () => {
  const form = (projectId: string, formId: string) =>
    ({ key: `${projectId}/${formId}/1`, projectId, formId }) as FormRecord;
  const forms = [form('p-gao', 'menage'), form('p-mopti', 'menage')];
  const base: ExportChoices = {
    format: 'csv',
    projectId: '',
    formKey: '',
    lang: 'fr',
    codes: false,
    includePersonal: false,
  };

  it('sends a form with its own project (form ids are each project’s own)', () => {
    const chosen = withForm({ ...base, formKey: 'p-mopti/menage/1' }, forms);
    expect(queryOf(chosen, forms)).toMatchObject({ project: 'p-mopti', form: 'menage' });
    // No form chosen yet: the project's first; none at all: nothing to send for a table format.
    expect(withForm({ ...base, projectId: 'p-gao' }, forms).formKey).toBe('p-gao/menage/1');
    expect(queryOf(withForm(base, []), [])).toBeNull();
  });

  it('lets GeoJSON export the projects’ places, and IATI without a form', () => {
    const places = withForm(
      { ...base, format: 'geojson', formKey: PROJECT_PLACES, projectId: 'p-gao' },
      forms,
    );
    expect(queryOf(places, forms)).toEqual({
      format: 'geojson',
      project: 'p-gao',
      lang: 'fr',
      codes: false,
      includePersonal: false,
    });
    expect(queryOf({ ...base, format: 'iati', formKey: 'p-gao/menage/1' }, forms)).not.toHaveProperty('form');
    expect(
      queryOf({ ...base, format: 'iati-organisations', formKey: 'p-gao/menage/1' }, forms),
    ).not.toHaveProperty('form');
    // Back to CSV from the places: a form again.
    expect(withForm({ ...places, format: 'csv' }, forms).formKey).toBe('p-gao/menage/1');
  });
});

describe('the route', () => {
  it('is #/exports, apart from #/export (the device’s unsent data)', () => {
    expect(parseHash('#/exports')).toEqual({ name: 'exports' });
    expect(hrefOf({ name: 'exports' })).toBe('#/exports');
    expect(parseHash('#/export')).toEqual({ name: 'export' });
  });
});
