import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipFiles } from '../../../src/server/export/zip';

/** Python's zipfile, an independent reader (python3 is on every machine: node-gyp needs it): names, dates, bodies, CRC check. */
const READ = `
import sys, zipfile, json
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(json.dumps([[i.filename, list(i.date_time), z.read(i).decode('utf-8')] for i in z.infolist()]))
`;

describe('zipFiles', () => {
  it('writes an archive another reader opens: UTF-8 names, the date, the bytes, valid CRCs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'terrain-zip-'));
    try {
      const path = join(dir, 'x.zip');
      const files = [
        { name: 'ménage.csv', body: 'a,b\r\n1,é\r\n' },
        { name: 'ménage-membre.csv', body: new TextEncoder().encode('KEY\r\ns1/membre[1]\r\n') },
        { name: 'vide.csv', body: '' },
      ];
      await writeFile(path, zipFiles(files, new Date('2026-12-02T21:30:14Z')));
      const read = JSON.parse(execFileSync('python3', ['-c', READ, path], { encoding: 'utf8' })) as unknown;
      expect(read).toEqual([
        ['ménage.csv', [2026, 12, 2, 21, 30, 14], 'a,b\r\n1,é\r\n'],
        ['ménage-membre.csv', [2026, 12, 2, 21, 30, 14], 'KEY\r\ns1/membre[1]\r\n'],
        ['vide.csv', [2026, 12, 2, 21, 30, 14], ''],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
