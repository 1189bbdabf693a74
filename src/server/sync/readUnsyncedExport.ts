import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  UnsyncedExport,
  unsyncedExportChecksum,
} from '../../core/sync/unsyncedExport';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../core/sync/jsonDepth';
import { gunzipAtMost } from '../http/body';
import { HttpError, issuesOf } from '../http/errors';

/**
 * Largest export file accepted, decompressed. Files carry photos as base64, so this is far above a push's
 * 4 MiB; the CLI import reads files of any size.
 */
export const MAX_IMPORT_BYTES = 128 * 1024 * 1024;

const tooLarge = (limit: number) =>
  new HttpError('payload_too_large', `Export files are limited to ${limit / 1024 / 1024} MB here`);

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * An export file's bytes (gzip or plain JSON, told apart by their content, not by a name or header) as a
 * checked file: the format and version, the checksum over the JSON as written, then the schema.
 */
export async function readUnsyncedExport(
  bytes: Uint8Array,
  limit = MAX_IMPORT_BYTES,
): Promise<UnsyncedExport> {
  let raw: Uint8Array = bytes;
  if (isGzip(bytes)) {
    raw = await gunzipAtMost(
      bytes,
      limit,
      () => tooLarge(limit),
      'The file is damaged: it is not valid gzip',
    );
  } else if (bytes.length > limit) {
    throw tooLarge(limit);
  }

  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    throw new HttpError('bad_request', 'The file is damaged or is not a Terrain export: invalid JSON');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new HttpError('bad_request', 'Not a Terrain export file');
  // Before the checksum, whose canonical JSON recurses: the file's records sit a few levels down
  // (mutations → mutation → fields), and a push refuses their fields past MAX_JSON_DEPTH.
  if (nestsDeeperThan(json, MAX_JSON_DEPTH + 4))
    throw new HttpError(
      'validation',
      `The file nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays: no Terrain device writes that`,
    );
  const file = json as Record<string, unknown>;
  if (file.format !== EXPORT_FORMAT) throw new HttpError('bad_request', 'Not a Terrain export file');
  if (typeof file.version === 'number' && file.version > EXPORT_VERSION)
    throw new HttpError(
      'validation',
      `Export format ${file.version} comes from a newer Terrain: update the server first`,
    );
  if (file.checksum !== (await unsyncedExportChecksum(file)))
    throw new HttpError('bad_request', 'The file is damaged: its checksum does not match its content');

  const parsed = UnsyncedExport.safeParse(file);
  if (!parsed.success) throw new HttpError('validation', 'Invalid export file', issuesOf(parsed.error));
  return parsed.data;
}
