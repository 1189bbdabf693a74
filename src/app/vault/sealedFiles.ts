import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import { sendSealedMedia } from '../sync/sendSealedMedia';
import { committed, done } from './rawIdb';
import type { SealedMediaEnvelope } from './sealedMedia';
import { SERVER_FIELD } from './serverSeal';

type RawMediaRow = { sha256: string; [SERVER_FIELD]?: SealedMediaEnvelope };

/**
 * Sends the files that changes sent sealed name (./sealedOutbox.ts), from their `$server` envelopes, without
 * the user's key; once the server holds one, its envelope is dropped from the row (the ciphertext weighs as
 * much as the file). A file the server refuses for good (bytes it will not take) is left for its user's own
 * sync, which says why; a network failure stops here and is thrown, for the next sync to resume.
 */
export async function sendSealedFiles(idb: IDBDatabase, api: ApiClient, sha256s: string[]): Promise<number> {
  let sent = 0;
  for (const sha256 of sha256s) {
    const row = (await done(idb.transaction('media', 'readonly').objectStore('media').get(sha256))) as
      RawMediaRow | undefined;
    const envelope = row?.[SERVER_FIELD];
    if (!envelope) continue;
    try {
      await sendSealedMedia(api, envelope);
    } catch (error) {
      if (error instanceof ApiError && !error.transient && error.status !== 401) continue;
      throw error;
    }
    await dropEnvelope(idb, sha256, envelope);
    sent += 1;
  }
  return sent;
}

/** Drops the envelope that was sent, unless the row was rewritten meanwhile (its user's own engine). */
async function dropEnvelope(idb: IDBDatabase, sha256: string, sent: SealedMediaEnvelope): Promise<void> {
  const tx = idb.transaction('media', 'readwrite');
  const store = tx.objectStore('media');
  const row = (await done(store.get(sha256))) as RawMediaRow | undefined;
  if (row?.[SERVER_FIELD]?.request.sealedSha256 === sent.request.sealedSha256) {
    const { [SERVER_FIELD]: _sent, ...rest } = row;
    store.put(rest);
  }
  await committed(tx);
}
