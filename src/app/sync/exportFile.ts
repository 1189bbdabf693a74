import { signExport } from '../../core/sync/devices';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  unsyncedExportChecksum,
  type ExportedMedia,
  type ExportedMutation,
} from '../../core/sync/unsyncedExport';
import type { TerrainDb } from '../db/TerrainDb';
import type { MediaRecord, OutboxEntry } from '../db/schema';
import { getSyncMeta } from '../repositories/syncMeta';
import { readUnsynced } from '../repositories/unsynced';
import { ensureDeviceKey } from './deviceKey';

export interface ExportedFile {
  blob: Blob;
  fileName: string;
  counts: { pending: number; rejected: number; submissions: number; drafts: number; media: number };
  /** Signed by this device's key; and that key known to the server (else the file waits for it). */
  signed: boolean;
  registered: boolean;
}

/**
 * Writes everything this device has not synced into one file (docs/sync-protocol.md, "Export and import"):
 * gzip where the browser has CompressionStream, JSON otherwise; the server tells them apart by content.
 * Photos go in as base64, one Blob part each, so the whole file never has to sit in one string.
 */
export async function exportUnsynced(
  db: TerrainDb,
  user: { id: string; username: string },
  now = new Date(),
): Promise<ExportedFile> {
  const content = await readUnsynced(db);
  const { clientId } = content.meta;
  const refs = content.media.map(({ sha256, name, type, size }) => ({ sha256, name, type, size }));
  const file = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    userId: user.id,
    username: user.username,
    clientId,
    mutations: content.outbox.map((entry) => exportedMutation(entry, clientId)),
    submissions: content.submissions,
    drafts: content.drafts,
  };
  // The checksum leaves the bytes out (they are checked against their own SHA-256); the device signs the
  // checksum, so the whole file is its own. Without a key (no Web Crypto) the file is still written.
  const checksum = await unsyncedExportChecksum({ ...file, media: refs });
  const key = await ensureDeviceKey(db);
  const signature = key ? await signExport(key.privateKey, checksum) : undefined;
  const head = JSON.stringify({ ...file, checksum, signature });
  const parts: BlobPart[] = [head.slice(0, -1), ',"media":['];
  for (const [i, record] of content.media.entries()) {
    if (i > 0) parts.push(',');
    parts.push(JSON.stringify(await exportedMedia(record)));
  }
  parts.push(']}');

  const json = new Blob(parts, { type: 'application/json' });
  const gzip = typeof CompressionStream !== 'undefined';
  const blob = gzip
    ? await new Response(json.stream().pipeThrough(new CompressionStream('gzip'))).blob()
    : json;
  const stamp = now.toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return {
    blob,
    fileName: `terrain-${user.username}-${stamp}.json${gzip ? '.gz' : ''}`,
    counts: {
      pending: content.outbox.filter((e) => e.state === 'pending').length,
      rejected: content.outbox.filter((e) => e.state === 'rejected').length,
      submissions: content.submissions.length,
      drafts: content.drafts.length,
      media: content.media.length,
    },
    signed: signature !== undefined,
    // Read after the key: a registration that raced this export counts.
    registered: key !== null && (await getSyncMeta(db)).deviceKeyRegisteredAt !== undefined,
  };
}

function exportedMutation(entry: OutboxEntry, clientId: string): ExportedMutation {
  const { seq, mutationId, hlc, table, id, op, fields, state, rejection, base } = entry;
  // `base`: what a review's edit had seen, so the server does not log values it replaced knowingly.
  return {
    mutationId,
    clientId,
    seq,
    hlc,
    table,
    id,
    op,
    fields,
    state,
    rejection,
    ...(base ? { base } : {}),
  };
}

/** The bytes go along unless the server already holds them. */
async function exportedMedia(record: MediaRecord): Promise<ExportedMedia> {
  const { sha256, name, type, size } = record;
  if (record.uploadState === 'uploaded' || !(record.blob instanceof Blob))
    return { sha256, name, type, size };
  return { sha256, name, type, size, data: await toBase64(record.blob) };
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // Chunks keep String.fromCharCode's argument list within the engine's limits.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
