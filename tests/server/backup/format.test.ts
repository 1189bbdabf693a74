import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractBackupFile, sniffBackup, writeBackupFile } from '../../../src/server/backup/file';
import { BackupFileError, newEncryption, type BackupHeader } from '../../../src/server/backup/format';

/** The backup file on its own: what it writes, and every way a damaged or wrong file is refused. */

const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
const PASSPHRASE = 'une phrase de passe assez longue';
const GCM_TAG = 16;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'terrain-backup-format-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Incompressible, so that it makes many small frames.
const payload = randomBytes(20_000);

function header(encryption: BackupHeader['encryption']): BackupHeader {
  return {
    kind: 'sqlite',
    payload: 'sqlite-database',
    compression: 'gzip',
    createdAt: '2026-12-06T12:00:00.000Z',
    lastMigration: '2026-12-06-0050-boundaries',
    chunkBytes: 1024,
    encryption,
    files: [],
  };
}

async function makeBackup(name: string, encrypted: boolean): Promise<string> {
  const path = join(dir, name);
  const made = encrypted ? await newEncryption(PASSPHRASE, CHEAP_SCRYPT) : null;
  await writeBackupFile(path, header(made?.encryption ?? null), made?.key ?? null, Readable.from([payload]));
  return path;
}

/** Where each frame of the file starts, and where the frames end. */
async function frames(path: string, tagBytes: number): Promise<{ starts: number[]; end: number }> {
  const bytes = await readFile(path);
  const source = await sniffBackup(path);
  if (source.form !== 'terrain') throw new Error('not a backup');
  const starts: number[] = [];
  let at = source.raw.length;
  while (at < bytes.length) {
    starts.push(at);
    at += 5 + bytes.readUInt32BE(at + 1) + tagBytes;
  }
  return { starts, end: at };
}

async function restoreFrom(path: string, passphrase: string | null = PASSPHRASE): Promise<Buffer> {
  const source = await sniffBackup(path);
  if (source.form !== 'terrain') throw new Error('not a backup');
  const dest = join(dir, `out-${randomBytes(4).toString('hex')}`);
  try {
    await extractBackupFile(path, source, passphrase ?? undefined, dest);
    return await readFile(dest);
  } finally {
    await rm(dest, { force: true });
  }
}

async function variant(path: string, change: (bytes: Buffer) => Buffer): Promise<string> {
  const changed = join(dir, `changed-${randomBytes(4).toString('hex')}`);
  await writeFile(changed, change(await readFile(path)));
  return changed;
}

describe.each([
  { encrypted: true, tagBytes: GCM_TAG },
  { encrypted: false, tagBytes: 32 },
])('backup file, encrypted: $encrypted', ({ encrypted, tagBytes }) => {
  let path: string;
  beforeAll(async () => {
    path = await makeBackup(`b-${encrypted}.tbk`, encrypted);
  });

  it('gives back the payload, and is the owner’s only (0600)', async () => {
    expect((await restoreFrom(path)).equals(payload)).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const { starts } = await frames(path, tagBytes);
    expect(starts.length).toBeGreaterThan(10);
    if (encrypted) expect((await readFile(path)).includes(payload.subarray(0, 64))).toBe(false);
  });

  it('refuses a changed byte in a frame, and leaves no output behind', async () => {
    const { starts } = await frames(path, tagBytes);
    const changed = await variant(path, (b) => {
      const at = starts[3]! + 40;
      b.writeUInt8(b.readUInt8(at) ^ 0x01, at);
      return b;
    });
    const before = await readdir(dir);
    await expect(restoreFrom(changed)).rejects.toThrow(/damaged or was altered \(part 4/);
    expect((await readdir(dir)).length).toBe(before.length);
  });

  it('refuses a changed header', async () => {
    const changed = await variant(path, (b) =>
      Buffer.from(b.toString('latin1').replace('2026-12-06T12:00', '2026-12-06T13:00'), 'latin1'),
    );
    await expect(restoreFrom(changed)).rejects.toThrow(/damaged or was altered \(part 1/);
  });

  it('refuses frames swapped', async () => {
    const { starts } = await frames(path, tagBytes);
    const changed = await variant(path, (b) => {
      const [a, c, d] = [starts[1]!, starts[2]!, starts[3]!];
      return Buffer.concat([b.subarray(0, a), b.subarray(c, d), b.subarray(a, c), b.subarray(d)]);
    });
    await expect(restoreFrom(changed)).rejects.toThrow(/damaged or was altered \(part 2/);
  });

  it('refuses a file cut short, at a frame boundary or inside one', async () => {
    const { starts } = await frames(path, tagBytes);
    const last = starts[starts.length - 1]!;
    const atBoundary = await variant(path, (b) => b.subarray(0, last));
    await expect(restoreFrom(atBoundary)).rejects.toThrow(/cut short/);
    const inside = await variant(path, (b) => b.subarray(0, last - 7));
    await expect(restoreFrom(inside)).rejects.toThrow(/cut short/);
  });

  it('refuses the last frame dropped and the one before marked last', async () => {
    const { starts } = await frames(path, tagBytes);
    const last = starts[starts.length - 1]!;
    const changed = await variant(path, (b) => {
      const cut = Buffer.from(b.subarray(0, last));
      cut[starts[starts.length - 2]!] = 1;
      return cut;
    });
    await expect(restoreFrom(changed)).rejects.toThrow(/damaged or was altered/);
  });

  it('refuses bytes after the end', async () => {
    const changed = await variant(path, (b) => Buffer.concat([b, Buffer.from([0, 0, 0, 0, 0, 0])]));
    await expect(restoreFrom(changed)).rejects.toThrow(/bytes after its end/);
  });
});

describe('encrypted backup passphrase', () => {
  it('refuses a wrong passphrase, clearly and before writing anything', async () => {
    const path = await makeBackup('pp.tbk', true);
    const dest = join(dir, 'never');
    const source = await sniffBackup(path);
    if (source.form !== 'terrain') throw new Error('not a backup');
    await expect(extractBackupFile(path, source, 'not the passphrase', dest)).rejects.toThrow(
      /Wrong passphrase/,
    );
    expect(existsSync(dest)).toBe(false);
    await expect(restoreFrom(path, null)).rejects.toThrow(/encrypted: give its passphrase/);
  });

  it('refuses a file that is not a backup', async () => {
    const path = join(dir, 'other.txt');
    await writeFile(path, 'hello');
    await expect(sniffBackup(path)).rejects.toBeInstanceOf(BackupFileError);
  });
});
