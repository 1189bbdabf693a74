import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MultipartError, receiveMultipart } from '../../../src/server/maps/multipartToDisk';

const dir = mkdtempSync(join(tmpdir(), 'multipart-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BOUNDARY = 'xyzBOUNDARYxyz';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

function body(fields: Record<string, string>, file: Uint8Array, fileName = 'a.pmtiles'): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.from(file),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  );
  return Buffer.concat(parts);
}

/** The bytes as a stream of pieces of the given sizes (cycled). */
function streamOf(bytes: Uint8Array, sizes: number[]): ReadableStream<Uint8Array> {
  let at = 0;
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const size = Math.max(1, sizes[i++ % sizes.length] ?? 1);
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

const options = { dir, fileField: 'file', maxFileBytes: 100_000 };

describe('multipart bodies streamed to disk', () => {
  it('gives the fields and the file’s bytes, however the body is cut in pieces', async () => {
    // File contents that look like the start of a boundary (a whole one cannot be in a part, RFC 2046).
    const tricky = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc
        .constantFrom(`\r\n--${BOUNDARY.slice(0, 5)}`, `\r\n--${BOUNDARY.slice(0, -1)}`, '\r\n-', '--')
        .map((s) => Buffer.from(s)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(tricky, { maxLength: 4 })
          .map((parts) => new Uint8Array(Buffer.concat(parts)))
          // Look-alikes only: pieces joined may make the whole delimiter, which no part may hold (the
          // CRLF ending the part's headers counts as the delimiter's, so a file may not start with `--B` either).
          .filter(
            (file) =>
              !Buffer.from(`\r\n${Buffer.from(file).toString('latin1')}`, 'latin1').includes(
                `\r\n--${BOUNDARY}`,
              ),
          ),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }),
        fc.string({ maxLength: 40 }),
        async (file, sizes, name) => {
          const result = await receiveMultipart(streamOf(body({ name }, file), sizes), TYPE, options);
          expect(result.fields).toEqual({ name });
          expect(result.file?.size).toBe(file.length);
          expect(new Uint8Array(readFileSync(result.file!.path))).toEqual(file);
          rmSync(result.file!.path);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses bodies cut short, too large or malformed with a MultipartError, leaving no file', async () => {
    const full = body({ name: 'x' }, new Uint8Array(5000).fill(1));
    const refused = async (bytes: Uint8Array, opts = options, type = TYPE) => {
      const err = await receiveMultipart(streamOf(bytes, [100]), type, opts).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(MultipartError);
      return err as MultipartError;
    };
    expect((await refused(full.subarray(0, 3000))).kind).toBe('bad_request');
    expect((await refused(full, { ...options, maxFileBytes: 1000 })).kind).toBe('payload_too_large');
    expect((await refused(full, options, 'application/json')).kind).toBe('bad_request');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (garbage) => {
        await refused(garbage);
      }),
      { numRuns: 100 },
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
