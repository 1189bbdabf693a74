import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import {
  BackupFileError,
  FrameReader,
  FrameWriter,
  MAGIC,
  decodeHeader,
  keyFor,
  type BackupHeader,
} from './format';

/** A file of the data directory carried in a backup (`name` relative to DATA_DIR). */
export interface DataDirFile {
  name: string;
  mode: number;
  content: Buffer;
}

/** Backup files and what is unpacked from them hold every respondent's answers: the service user's only. */
export const BACKUP_FILE_MODE = 0o600;

/** A name beside `path` for a file being made, so that nothing half-made ever has the final name. */
export function siblingTemp(path: string, tag: string): string {
  return join(dirname(path), `.${basename(path)}.${tag}-${randomBytes(4).toString('hex')}`);
}

/** Makes an empty file of ours (mode 0600 whatever the umask); refuses to replace one. */
export async function createPrivateFile(path: string): Promise<void> {
  const handle = await open(path, 'wx', BACKUP_FILE_MODE);
  await handle.chmod(BACKUP_FILE_MODE);
  await handle.close();
}

/**
 * Writes `source` (the payload) as a backup file at `out`: into a temporary file beside it, synced, then
 * renamed, once `finished` (e.g. pg_dump's exit status) says the payload was whole.
 */
export async function writeBackupFile(
  out: string,
  header: BackupHeader,
  key: Buffer | null,
  source: Readable,
  finished: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const partial = siblingTemp(out, 'partial');
  await createPrivateFile(partial);
  try {
    await Promise.all([
      pipeline(
        source,
        createGzip(),
        new FrameWriter(header, key),
        createWriteStream(partial, { flags: 'r+' }),
      ),
      finished(),
    ]);
    const handle = await open(partial, 'r+');
    await handle.sync();
    await handle.close();
    await chmod(partial, BACKUP_FILE_MODE);
    await rename(partial, out);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

export type BackupSource =
  | { form: 'terrain'; header: BackupHeader; raw: Buffer }
  /** A bare database file or pg_dump archive (made by hand, e.g. where the CLI found no pg_dump). */
  | { form: 'sqlite-file' }
  | { form: 'pg-dump-custom' };

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const PG_DUMP_MAGIC = Buffer.from('PGDMP', 'latin1');

/** What the file at `path` is, from its first bytes. */
export async function sniffBackup(path: string): Promise<BackupSource> {
  const handle = await open(path, 'r');
  try {
    const start = Buffer.alloc(70 * 1024);
    const { bytesRead } = await handle.read(start, 0, start.length, 0);
    const bytes = start.subarray(0, bytesRead);
    if (bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { form: 'terrain', ...decodeHeader(bytes) };
    if (bytes.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return { form: 'sqlite-file' };
    if (bytes.subarray(0, PG_DUMP_MAGIC.length).equals(PG_DUMP_MAGIC)) return { form: 'pg-dump-custom' };
    throw new BackupFileError(
      `${path} is not a Terrain backup (nor a SQLite database or a pg_dump custom-format archive).`,
    );
  } finally {
    await handle.close();
  }
}

/** Keeps the first `bytes` of a stream (the data directory's files) and passes the rest on. */
class SplitPrefix extends Transform {
  readonly parts: Buffer[] = [];
  constructor(private need: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.need > 0) {
      const take = Math.min(this.need, chunk.length);
      this.parts.push(chunk.subarray(0, take));
      this.need -= take;
      chunk = chunk.subarray(take);
    }
    if (chunk.length > 0) this.push(chunk);
    done();
  }
  override _flush(done: TransformCallback): void {
    done(this.need > 0 ? new BackupFileError('The backup is cut short: nothing was restored.') : undefined);
  }
}

/**
 * Checks every frame of the backup at `path`, writes the database part of its payload to `dest` (a new
 * file, 0600) and returns the data directory's files. On a wrong passphrase or any damage it throws, and
 * `dest` is gone.
 */
export async function extractBackupFile(
  path: string,
  source: Extract<BackupSource, { form: 'terrain' }>,
  passphrase: string | undefined,
  dest: string,
): Promise<DataDirFile[]> {
  let key: Buffer | null = null;
  if (source.header.encryption) {
    if (passphrase === undefined)
      throw new BackupFileError(
        'This backup is encrypted: give its passphrase with --passphrase-file FILE or BACKUP_PASSPHRASE.',
      );
    key = await keyFor(source.header.encryption, passphrase);
  }
  await createPrivateFile(dest);
  const files = new SplitPrefix(source.header.files.reduce((sum, f) => sum + f.bytes, 0));
  try {
    await pipeline(
      createReadStream(path, { start: source.raw.length }),
      new FrameReader(source.header, source.raw, key),
      createGunzip(),
      files,
      createWriteStream(dest, { flags: 'r+' }),
    );
    const bytes = Buffer.concat(files.parts);
    let at = 0;
    return source.header.files.map((f) => {
      const content = bytes.subarray(at, at + f.bytes);
      at += f.bytes;
      return { ...f, content };
    });
  } catch (err) {
    await rm(dest, { force: true });
    if (err instanceof BackupFileError) throw err;
    // Only a frame that checked out reaches gunzip, so its complaint means the backup was made damaged.
    if (err instanceof Error && 'code' in err && String(err.code).startsWith('Z_'))
      throw new BackupFileError(
        `The backup's content is not readable (${err.message}): nothing was restored.`,
      );
    throw err;
  }
}
