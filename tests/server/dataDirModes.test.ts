import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/server/main';

/**
 * The SQLite data directory and database files are readable by the service's user only (0700, 0600),
 * whatever the umask, and a directory or files found wider are narrowed at start, and the log says so.
 */
const mode = (path: string) => `0${(statSync(path).mode & 0o777).toString(8)}`;
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function scratch(): string {
  const root = mkdtempSync(join(tmpdir(), 'terrain-modes-'));
  roots.push(root);
  return root;
}

/** Opens the storage, writes (so the WAL and its index exist), and closes it; returns what was logged. */
async function openAndWrite(dataDir: string): Promise<string[]> {
  const log: string[] = [];
  const storage = await openStorage({ dataDir, log: (line) => log.push(line) });
  await storage.audit({
    at: new Date().toISOString(),
    userId: null,
    action: 'test.write',
    tbl: null,
    recordId: null,
  });
  const files = ['terrain.sqlite-wal', 'terrain.sqlite-shm'].map((f) => join(dataDir, f));
  expect(files.every((f) => existsSync(f))).toBe(true);
  for (const file of files) expect(mode(file)).toBe('0600');
  await storage.close();
  return log;
}

describe('the data directory at rest', () => {
  it('is created for the service user only, with the database files, even under a permissive umask', async () => {
    const dataDir = join(scratch(), 'nested', 'data');
    const umask = process.umask(0o000);
    try {
      expect(await openAndWrite(dataDir)).toEqual([]);
    } finally {
      process.umask(umask);
    }
    expect(mode(dataDir)).toBe('0700');
    expect(mode(join(dataDir, 'terrain.sqlite'))).toBe('0600');
  });

  it('narrows a directory and files that exist with wider modes, and says so', async () => {
    const dataDir = join(scratch(), 'data');
    await openAndWrite(dataDir);
    // As an older version (or a careless copy) left them: readable by everyone.
    chmodSync(dataDir, 0o755);
    for (const f of ['terrain.sqlite', 'terrain.sqlite-wal', 'terrain.sqlite-shm'])
      if (existsSync(join(dataDir, f))) chmodSync(join(dataDir, f), 0o644);
    writeFileSync(join(dataDir, 'terrain.sqlite-journal'), '');
    chmodSync(join(dataDir, 'terrain.sqlite-journal'), 0o664);

    const log = await openAndWrite(dataDir);
    expect(mode(dataDir)).toBe('0700');
    for (const f of ['terrain.sqlite', 'terrain.sqlite-journal']) expect(mode(join(dataDir, f))).toBe('0600');
    expect(log).toEqual(
      expect.arrayContaining([
        `${dataDir} was readable by others (mode 0755): now 0700, the service's user only.`,
        `${join(dataDir, 'terrain.sqlite')} was readable by others (mode 0644): now 0600, the service's user only.`,
        `${join(dataDir, 'terrain.sqlite-journal')} was readable by others (mode 0664): now 0600, the service's user only.`,
      ]),
    );
    // Already right: nothing more to say.
    expect(await openAndWrite(dataDir)).toEqual([]);
  });

  it('keeps an existing data directory with its data', async () => {
    const dataDir = join(scratch(), 'kept');
    mkdirSync(dataDir, { mode: 0o750 });
    await openAndWrite(dataDir);
    const storage = await openStorage({ dataDir, log: () => undefined });
    expect((await storage.listAudit(10)).map((e) => e.action)).toEqual(['test.write']);
    await storage.close();
    expect(mode(dataDir)).toBe('0700');
  });
});
