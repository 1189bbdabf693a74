import { existsSync } from 'node:fs';
import { mkdir, open, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { DataDirFile } from './file';

/**
 * What the data directory holds besides the database and must survive it: the certificates and keys of
 * `tls init` (DATA_DIR/tls; losing its authority means installing a new one on every tablet). Map pack
 * uploads being converted are not kept. These files travel at the start of the backup's payload.
 */
const CARRIED_DIRS = ['tls'];
const MAX_FILE_BYTES = 1024 * 1024;

export async function readDataDirFiles(dataDir: string): Promise<DataDirFile[]> {
  const files: DataDirFile[] = [];
  for (const dir of CARRIED_DIRS) {
    const path = join(dataDir, dir);
    if (!existsSync(path)) continue;
    for (const name of (await readdir(path)).sort()) {
      const info = await stat(join(path, name));
      if (!info.isFile() || info.size > MAX_FILE_BYTES || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name))
        continue;
      files.push({
        name: `${dir}/${name}`,
        mode: info.mode & 0o777,
        content: await readFile(join(path, name)),
      });
    }
  }
  return files;
}

/** `files`, then the database's bytes, as one payload stream. */
export function withFilesFirst(files: DataDirFile[], database: Readable): Readable {
  async function* payload() {
    for (const file of files) yield file.content;
    for await (const chunk of database) yield chunk as Buffer;
  }
  return Readable.from(payload(), { objectMode: false });
}

/**
 * Puts the backup's files back into the data directory (directories 0700, files with their modes), never
 * over a file that is there already; returns the names of those it left as they were.
 */
export async function writeDataDirFiles(dataDir: string, files: DataDirFile[]): Promise<string[]> {
  const kept: string[] = [];
  for (const file of files) {
    const [dir] = file.name.split('/');
    await mkdir(join(dataDir, dir!), { recursive: true, mode: 0o700 });
    const path = join(dataDir, file.name);
    if (existsSync(path)) {
      kept.push(file.name);
      continue;
    }
    const handle = await open(path, 'wx', file.mode);
    try {
      await handle.writeFile(file.content);
      await handle.chmod(file.mode);
    } finally {
      await handle.close();
    }
  }
  return kept;
}
