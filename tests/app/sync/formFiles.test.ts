import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../src/app/api/client';
import { ApiError, NetworkError } from '../../../src/app/api/errors';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { fetchFormFiles, formFilePath } from '../../../src/app/sync/formFiles';
import { formRecord, openTestDb } from '../fixtures';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** An API whose form files are `served` by path; `fail` answers a path with an error instead. */
function fakeApi(served: Record<string, string>, fail: Record<string, Error> = {}) {
  const asked: string[] = [];
  const api = {
    media: {
      blob: (path: string) => {
        asked.push(path);
        const error = fail[path];
        if (error) return Promise.reject(error);
        const text = served[path];
        if (text === undefined) return Promise.reject(new ApiError(404, 'not_found', 'No such file'));
        return Promise.resolve(new Blob([bytesOf(text)], { type: 'image/png' }));
      },
    },
  } as unknown as ApiClient;
  return { api, asked };
}

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function withFiles(version: string, files: Record<string, string>) {
  const base = formRecord();
  await db.forms.put({
    ...base,
    version,
    key: `${base.projectId}/${base.formId}@${version}`,
    files: Object.entries(files).map(([name, text]) => ({
      name,
      sha256: sha(text),
      bytes: text.length,
      contentType: 'image/png',
    })),
  });
  return (name: string) => formFilePath(base.projectId, base.formId, version, name);
}

describe('the media files of the forms on the device', () => {
  it('downloads each missing file once, checks its bytes, and keeps it for offline use', async () => {
    const path1 = await withFiles('1', { 'map.png': 'MAP', 'logo.png': 'LOGO' });
    // Version 2 has the same map: not downloaded twice.
    const path2 = await withFiles('2', { 'map.png': 'MAP', 'bad.png': 'BAD' });
    const { api, asked } = fakeApi({
      [path1('map.png')]: 'MAP',
      [path1('logo.png')]: 'LOGO',
      // Altered on the way: not kept.
      [path2('bad.png')]: 'XXX',
    });
    expect(await fetchFormFiles(db, api)).toBe(2);
    expect(asked.sort()).toEqual([path1('logo.png'), path1('map.png'), path2('bad.png')].sort());
    expect((await db.formFiles.toCollection().primaryKeys()).sort()).toEqual(
      [sha('LOGO'), sha('MAP')].sort(),
    );
    const stored = await db.formFiles.get(sha('MAP'));
    expect(stored?.size).toBe(3);

    // Next sync: only what is still missing is asked for.
    asked.length = 0;
    expect(await fetchFormFiles(db, api)).toBe(0);
    expect(asked).toEqual([path2('bad.png')]);
  });

  it('stops at the first network failure, leaving the rest for the next sync', async () => {
    const path = await withFiles('1', { 'a.png': 'A', 'b.png': 'B' });
    const { api, asked } = fakeApi(
      { [path('b.png')]: 'B' },
      { [path('a.png')]: new NetworkError(new Error('down')) },
    );
    expect(await fetchFormFiles(db, api)).toBe(0);
    expect(asked).toEqual([path('a.png')]);
  });

  it('asks nothing when no form has media', async () => {
    const { api, asked } = fakeApi({});
    expect(await fetchFormFiles(db, api)).toBe(0);
    expect(asked).toEqual([]);
  });
});
