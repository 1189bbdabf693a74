import { mediaRefsOf } from '../../core/forms/mediaRefs';
import { sealForServer, signSealed, type SealedChange, type ServerKeyResponse } from '../../core/sync/sealed';
import type { MediaRecord, OutboxEntry } from '../db/schema';
import { toMutation } from '../sync/batches';
import { sealMediaForServer, type SealedMediaEnvelope } from './sealedMedia';

/**
 * The second envelope of what waits to be sent (issue 12, "sync without unlocking"): beside `$sealed`
 * (under the user's data key), a pending outbox row also carries `$server`, the same change sealed to the
 * server's public key and signed by the device key (src/core/sync/sealed.ts); so does a file not yet
 * uploaded (./sealedMedia.ts), until the server holds it. Nobody on the tablet can open
 * it, the user included; any user of the tablet can send it (sealedOutbox.ts), even while the author's data
 * is locked.
 *
 * `$`-fields are the vault's own: they are neither part of a row's additional data nor handed to the app.
 */
export const SERVER_FIELD = '$server';

/** What sealing to the server needs, all of it readable without the user's key (the `meta` row). */
export interface ServerSealContext {
  server: ServerKeyResponse;
  deviceKey: CryptoKey;
  clientId: string;
}

/** The `$server` field of an outbox row. */
export interface OutboxEnvelope {
  change: SealedChange;
  /** The files the change names (SHA-256s, in clear like the media table's keys): they follow it. */
  media: string[];
}

/**
 * Holds the context for the sealing middleware, which is made before the database opens: set once the
 * device key and the server's key are known (./prepareSealed.ts), and left null until then: rows written
 * meanwhile get their envelope at the next unlocked sync.
 */
export class ServerSealer {
  context: ServerSealContext | null = null;
}

const encoder = new TextEncoder();

export async function sealOutboxForServer(
  context: ServerSealContext,
  entry: OutboxEntry,
): Promise<OutboxEnvelope> {
  // The change as a protocol 3 push carries it: the batch names the client, the seq names the change.
  const { mutationId: _id, clientId: _client, ...mutation } = toMutation(entry, context.clientId);
  const box = await sealForServer(context.server, encoder.encode(JSON.stringify(mutation)));
  const signature = await signSealed(context.deviceKey, context.clientId, entry.seq, box);
  const media =
    entry.table === 'submissions' && entry.op === 'put'
      ? mediaRefsOf((entry.fields as { data?: unknown }).data).map((ref) => ref.sha256)
      : [];
  return { change: { seq: entry.seq, box, signature }, media };
}

/** Whether a row needs the envelope: what waits to be sent, a pending change or a file not yet uploaded. */
export function needsServerEnvelope(table: string, row: Record<string, unknown>): boolean {
  if (table === 'outbox') return row.state === 'pending';
  if (table === 'media') return row.uploadState !== 'uploaded' && row.uploadState !== 'refused';
  return false;
}

/**
 * The `$server` envelope of a row being written, if it needs one. A failure to make it (a file's bytes that
 * do not match its SHA-256, one too large to travel sealed) leaves the row without one, never unwritten: it
 * then waits for its user's own sync.
 */
export async function serverEnvelope(
  table: string,
  context: ServerSealContext,
  row: Record<string, unknown>,
): Promise<OutboxEnvelope | SealedMediaEnvelope | undefined> {
  if (!needsServerEnvelope(table, row)) return undefined;
  try {
    if (table === 'outbox') return await sealOutboxForServer(context, row as unknown as OutboxEntry);
    const file = row as unknown as MediaRecord;
    if (!(file.blob instanceof Blob)) return undefined;
    return await sealMediaForServer(context, file);
  } catch {
    return undefined;
  }
}
