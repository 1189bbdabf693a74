import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { z } from 'zod';

/**
 * The backup file (one format for SQLite and PostgreSQL, encrypted or not):
 *
 *   "TERRAIN-BACKUP\n"  u8 format version (1)  u32be header length  header (JSON, UTF-8)
 *   then frames:  u8 flags (bit 0: last frame)  u32be body length  body  tag
 *
 * The payload (SQLite's database file, or pg_dump's custom archive) is gzipped, cut into chunks of
 * `chunkBytes`, and each chunk is one frame. Encrypted: the body is AES-256-GCM ciphertext and the tag its
 * 16-byte GCM tag, under a key scrypt derives from the passphrase and the header's salt; the nonce is the
 * header's prefix and the frame's index; the additional data is SHA-256(header) + index + flags. Not
 * encrypted: the body is the chunk and the tag SHA-256(that same additional data + chunk), which catches a
 * damaged file, not a forger. Either way a changed header, a changed byte, frames swapped, dropped or cut
 * short, or bytes after the last frame are all refused: a restore reads the whole file before it writes
 * anything anywhere it matters.
 */

export const MAGIC = Buffer.from('TERRAIN-BACKUP\n', 'ascii');
export const FORMAT_VERSION = 1;
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
/** About 0.6 s and 128 MiB on a small server: costly enough to guess, quick enough for a nightly job. */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

const GCM_TAG_BYTES = 16;
const HASH_TAG_BYTES = 32;
const FRAME_HEAD_BYTES = 5;
const LAST_FRAME = 1;
const MAX_HEADER_BYTES = 64 * 1024;

export class BackupFileError extends Error {}

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

const Encryption = z.object({
  cipher: z.literal('aes-256-gcm'),
  kdf: z.object({
    name: z.literal('scrypt'),
    // Bounded so that a hostile header cannot make a restore allocate gigabytes.
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: base64,
  }),
  /** 4 random bytes; the frame index fills the other 8 of the 12-byte nonce. */
  noncePrefix: base64,
  /** SHA-256 of the second half of scrypt's output: tells a wrong passphrase from a damaged file. */
  verifier: base64,
});

export const BackupHeader = z.object({
  kind: z.enum(['sqlite', 'postgres']),
  /** What the gzipped payload is (after `files`): SQLite's database file, or pg_dump's custom-format archive. */
  payload: z.enum(['sqlite-database', 'pg-dump-custom']),
  compression: z.literal('gzip'),
  createdAt: z.string(),
  /** The last migration the database had when it was copied (a newer server's backup is refused). */
  lastMigration: z.string().nullable(),
  chunkBytes: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024),
  encryption: Encryption.nullable(),
  /**
   * Files of the data directory that are not in the database (the certificates and keys of `tls init`),
   * in this order at the start of the payload, before the database.
   */
  files: z
    .array(
      z.object({
        name: z.string().regex(/^tls\/[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/),
        bytes: z
          .number()
          .int()
          .min(0)
          .max(1024 * 1024),
        mode: z.number().int().min(0).max(0o777),
      }),
    )
    .max(32)
    .default([]),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

function scrypt(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 32 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCallback(passphrase.normalize('NFC'), salt, 64, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const sha256 = (...parts: Buffer[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** A new header's encryption block, and the key it names. */
export async function newEncryption(
  passphrase: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<{ encryption: NonNullable<BackupHeader['encryption']>; key: Buffer }> {
  const salt = randomBytes(16);
  const derived = await scrypt(passphrase, salt, params);
  return {
    encryption: {
      cipher: 'aes-256-gcm',
      kdf: { name: 'scrypt', ...params, salt: salt.toString('base64') },
      noncePrefix: randomBytes(4).toString('base64'),
      verifier: sha256(derived.subarray(32)).toString('base64'),
    },
    key: derived.subarray(0, 32),
  };
}

/** The key a header's encryption block names, if `passphrase` is the right one. */
export async function keyFor(
  encryption: NonNullable<BackupHeader['encryption']>,
  passphrase: string,
): Promise<Buffer> {
  const derived = await scrypt(passphrase, Buffer.from(encryption.kdf.salt, 'base64'), encryption.kdf);
  const verifier = Buffer.from(encryption.verifier, 'base64');
  const check = sha256(derived.subarray(32));
  if (verifier.length !== check.length || !timingSafeEqual(verifier, check))
    throw new BackupFileError('Wrong passphrase for this backup (nothing was restored).');
  return derived.subarray(0, 32);
}

export function encodeHeader(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(MAGIC.length + 5);
  MAGIC.copy(head);
  head.writeUInt8(FORMAT_VERSION, MAGIC.length);
  head.writeUInt32BE(json.length, MAGIC.length + 1);
  return Buffer.concat([head, json]);
}

/** The header at the start of `bytes` (at least its first MAX_HEADER_BYTES), and where the frames start. */
export function decodeHeader(bytes: Buffer): { header: BackupHeader; raw: Buffer } {
  if (bytes.length < MAGIC.length + 5 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw new BackupFileError('Not a Terrain backup file (its first bytes are not "TERRAIN-BACKUP").');
  const version = bytes.readUInt8(MAGIC.length);
  if (version !== FORMAT_VERSION)
    throw new BackupFileError(
      `This backup file has format version ${version}; this Terrain reads version ${FORMAT_VERSION}.`,
    );
  const length = bytes.readUInt32BE(MAGIC.length + 1);
  const end = MAGIC.length + 5 + length;
  if (length > MAX_HEADER_BYTES || end > bytes.length)
    throw new BackupFileError('The backup file is damaged: its header is cut short.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.subarray(MAGIC.length + 5, end).toString('utf8'));
  } catch {
    throw new BackupFileError('The backup file is damaged: its header is not readable.');
  }
  const header = BackupHeader.safeParse(parsed);
  if (!header.success)
    throw new BackupFileError(
      `The backup file is damaged: its header is not valid (${header.error.message}).`,
    );
  return { header: header.data, raw: bytes.subarray(0, end) };
}

/** What every frame's tag covers besides its body: the header, the frame's place, whether it is the last. */
function frameContext(headerHash: Buffer, index: bigint, flags: number): Buffer {
  const context = Buffer.alloc(32 + 8 + 1);
  headerHash.copy(context);
  context.writeBigUInt64BE(index, 32);
  context.writeUInt8(flags, 40);
  return context;
}

function nonce(prefix: Buffer, index: bigint): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0, 0, 4);
  n.writeBigUInt64BE(index, 4);
  return n;
}

interface FrameCodec {
  tagBytes: number;
  seal(index: bigint, flags: number, chunk: Buffer): [Buffer, Buffer];
  /** The chunk, or null when the tag does not match. */
  open(index: bigint, flags: number, body: Buffer, tag: Buffer): Buffer | null;
}

function codec(header: BackupHeader, rawHeader: Buffer, key: Buffer | null): FrameCodec {
  const headerHash = sha256(rawHeader);
  if (!header.encryption) {
    const tagOf = (index: bigint, flags: number, chunk: Buffer) =>
      sha256(frameContext(headerHash, index, flags), chunk);
    return {
      tagBytes: HASH_TAG_BYTES,
      seal: (index, flags, chunk) => [chunk, tagOf(index, flags, chunk)],
      open: (index, flags, body, tag) => (tagOf(index, flags, body).equals(tag) ? body : null),
    };
  }
  if (!key) throw new Error('An encrypted backup needs its key');
  const prefix = Buffer.from(header.encryption.noncePrefix, 'base64');
  return {
    tagBytes: GCM_TAG_BYTES,
    seal(index, flags, chunk) {
      const cipher = createCipheriv('aes-256-gcm', key, nonce(prefix, index));
      cipher.setAAD(frameContext(headerHash, index, flags));
      const body = Buffer.concat([cipher.update(chunk), cipher.final()]);
      return [body, cipher.getAuthTag()];
    },
    open(index, flags, body, tag) {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce(prefix, index));
      decipher.setAAD(frameContext(headerHash, index, flags));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(body), decipher.final()]);
      } catch {
        return null;
      }
    },
  };
}

/** Gzipped payload in, the header then frames out. */
export class FrameWriter extends Transform {
  private readonly codec: FrameCodec;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0n;
  private headerSent = false;

  constructor(
    private readonly header: BackupHeader,
    key: Buffer | null,
  ) {
    super();
    this.rawHeader = encodeHeader(header);
    this.codec = codec(header, this.rawHeader, key);
  }

  private readonly rawHeader: Buffer;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const size = this.header.chunkBytes;
    // Keep at least one byte back, so the last frame is never empty unless the payload is.
    while (this.pendingBytes > size) {
      const all = Buffer.concat(this.pending);
      this.emitFrame(all.subarray(0, size), 0);
      this.pending = [all.subarray(size)];
      this.pendingBytes = all.length - size;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.emitFrame(Buffer.concat(this.pending), LAST_FRAME);
    done();
  }

  private emitFrame(chunk: Buffer, flags: number): void {
    if (!this.headerSent) {
      this.push(this.rawHeader);
      this.headerSent = true;
    }
    const [body, tag] = this.codec.seal(this.index, flags, chunk);
    const head = Buffer.alloc(FRAME_HEAD_BYTES);
    head.writeUInt8(flags, 0);
    head.writeUInt32BE(body.length, 1);
    this.push(Buffer.concat([head, body, tag]));
    this.index += 1n;
  }
}

/** Frames in (the bytes after the header), the gzipped payload out; fails on anything out of place. */
export class FrameReader extends Transform {
  private readonly codec: FrameCodec;
  private buffered: Buffer = Buffer.alloc(0);
  private index = 0n;
  private ended = false;

  constructor(
    private readonly header: BackupHeader,
    rawHeader: Buffer,
    key: Buffer | null,
  ) {
    super();
    this.codec = codec(header, rawHeader, key);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    try {
      this.readFrames();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (!this.ended)
      return done(new BackupFileError('The backup file is cut short: its last part is missing.'));
    done();
  }

  private readFrames(): void {
    const { tagBytes } = this.codec;
    while (this.buffered.length > 0) {
      if (this.ended) throw new BackupFileError('The backup file is damaged: there are bytes after its end.');
      if (this.buffered.length < FRAME_HEAD_BYTES) return;
      const flags = this.buffered.readUInt8(0);
      const length = this.buffered.readUInt32BE(1);
      // GCM and the hash add nothing to a chunk's length: a longer body is damage, not a bigger chunk.
      if ((flags & ~LAST_FRAME) !== 0 || length > this.header.chunkBytes) throw this.damaged();
      const total = FRAME_HEAD_BYTES + length + tagBytes;
      if (this.buffered.length < total) return;
      const body = this.buffered.subarray(FRAME_HEAD_BYTES, FRAME_HEAD_BYTES + length);
      const tag = this.buffered.subarray(FRAME_HEAD_BYTES + length, total);
      const chunk = this.codec.open(this.index, flags, body, tag);
      if (!chunk) throw this.damaged();
      this.push(chunk);
      this.index += 1n;
      this.ended = (flags & LAST_FRAME) !== 0;
      this.buffered = this.buffered.subarray(total);
    }
  }

  private damaged(): BackupFileError {
    return new BackupFileError(
      `The backup file is damaged or was altered (part ${this.index + 1n} does not check out): nothing was restored.`,
    );
  }
}
