import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * A multipart/form-data body read as it streams in: the one file part is written to a file in `dir` (a map
 * pack may be hundreds of megabytes: it never sits whole in memory), the text parts are kept, small.
 */

export class MultipartError extends Error {
  constructor(
    readonly kind: 'bad_request' | 'payload_too_large',
    message: string,
  ) {
    super(message);
    this.name = 'MultipartError';
  }
}

export interface ReceivedFile {
  path: string;
  /** The file name the client gave. */
  name: string;
  size: number;
}

export interface MultipartResult {
  fields: Record<string, string>;
  file?: ReceivedFile;
}

export interface MultipartOptions {
  dir: string;
  fileField: string;
  maxFileBytes: number;
  /** Per text field. */
  maxFieldBytes?: number;
}

const MAX_HEADER_BYTES = 8 * 1024;
const MAX_FIELDS = 20;

function boundaryOf(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !boundary)
    throw new MultipartError('bad_request', 'Send the pack as multipart/form-data with a file field');
  return boundary;
}

function partHeaders(text: string): { name?: string; filename?: string } {
  const disposition = text.split('\r\n').find((line) => /^content-disposition\s*:/i.test(line)) ?? '';
  const param = (key: string) =>
    new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition)?.[1] ??
    new RegExp(`;\\s*${key}=([^;\\s]+)`, 'i').exec(disposition)?.[1];
  return { name: param('name'), filename: param('filename') };
}

function writeTo(stream: WriteStream, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => stream.write(bytes, (err) => (err ? reject(err) : resolve())));
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

export async function receiveMultipart(
  body: ReadableStream<Uint8Array> | null,
  contentType: string,
  options: MultipartOptions,
): Promise<MultipartResult> {
  const boundary = boundaryOf(contentType);
  if (!body) throw new MultipartError('bad_request', 'The request has no body');
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const maxField = options.maxFieldBytes ?? 4096;
  const fields: Record<string, string> = {};
  let file: ReceivedFile | undefined;
  let out: WriteStream | undefined;
  let state: 'preamble' | 'after' | 'headers' | 'body' | 'done' = 'preamble';
  let part: { name?: string; filename?: string; text: Buffer[]; size: number } | undefined;
  // The body is read as if it began with CRLF, so the first boundary looks like every other one.
  let buf: Buffer = Buffer.from('\r\n');
  let fieldCount = 0;

  const emit = async (bytes: Buffer) => {
    if (!part || bytes.length === 0) return;
    part.size += bytes.length;
    if (out) {
      if (part.size > options.maxFileBytes)
        throw new MultipartError(
          'payload_too_large',
          `Map packs are limited to ${Math.round(options.maxFileBytes / 1024 / 1024)} MB`,
        );
      await writeTo(out, bytes);
    } else if (part.name !== undefined) {
      if (part.size > maxField) throw new MultipartError('bad_request', `Field ${part.name} is too long`);
      part.text.push(bytes);
    }
  };

  const finishPart = async () => {
    if (!part) return;
    if (out && file) {
      await close(out);
      out = undefined;
      file.size = part.size;
    } else if (part.name !== undefined && part.filename === undefined) {
      fields[part.name] = Buffer.concat(part.text).toString('utf8');
    }
    part = undefined;
  };

  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (value) buf = buf.length === 0 ? Buffer.from(value) : Buffer.concat([buf, value]);
      for (let progress = true; progress && state !== 'done';) {
        progress = false;
        if (state === 'preamble' || state === 'body') {
          const at = buf.indexOf(delimiter);
          if (at >= 0) {
            if (state === 'body') {
              await emit(buf.subarray(0, at));
              await finishPart();
            }
            buf = buf.subarray(at + delimiter.length);
            state = 'after';
            progress = true;
          } else if (state === 'body') {
            const keep = delimiter.length - 1;
            if (buf.length > keep) {
              await emit(buf.subarray(0, buf.length - keep));
              buf = Buffer.from(buf.subarray(buf.length - keep));
            }
          } else if (buf.length > MAX_HEADER_BYTES) {
            throw new MultipartError('bad_request', 'No multipart boundary found');
          }
        } else if (state === 'after') {
          if (buf.length >= 2) {
            const two = buf.subarray(0, 2).toString('latin1');
            if (two === '--') state = 'done';
            else if (two === '\r\n') {
              buf = buf.subarray(2);
              state = 'headers';
              progress = true;
            } else throw new MultipartError('bad_request', 'Malformed multipart boundary');
          }
        } else if (state === 'headers') {
          const at = buf.indexOf('\r\n\r\n');
          if (at < 0) {
            if (buf.length > MAX_HEADER_BYTES)
              throw new MultipartError('bad_request', 'Part headers too long');
            continue;
          }
          const headers = partHeaders(buf.subarray(0, at).toString('utf8'));
          buf = buf.subarray(at + 4);
          if ((fieldCount += 1) > MAX_FIELDS) throw new MultipartError('bad_request', 'Too many parts');
          part = { ...headers, text: [], size: 0 };
          if (headers.filename !== undefined && headers.name === options.fileField) {
            if (file)
              throw new MultipartError('bad_request', `Send one file in the ${options.fileField} field`);
            const path = join(options.dir, `upload-${randomUUID()}`);
            file = { path, name: headers.filename, size: 0 };
            out = createWriteStream(path, { mode: 0o600 });
          } else if (headers.filename !== undefined) {
            // Another file: read past it.
            part.name = undefined;
          }
          state = 'body';
          progress = true;
        }
      }
      if (state === 'done') {
        await reader.cancel().catch(() => undefined);
        break;
      }
      if (done)
        throw new MultipartError('bad_request', 'The upload is not a complete multipart body (cut short?)');
    }
    return file ? { fields, file } : { fields };
  } catch (err) {
    out?.destroy();
    if (file) await rm(file.path, { force: true });
    await reader.cancel().catch(() => undefined);
    throw err;
  }
}
