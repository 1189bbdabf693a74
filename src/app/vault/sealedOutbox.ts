import { PROTOCOL_VERSION, type ClientPushResponse } from '../../core/sync/protocol';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { SyncMeta } from '../db/schema';
import { browserLocks, runIfFree, syncLockName } from '../sync/syncLock';
import { committed, done, openExisting, userDatabases } from './rawIdb';
import { sendSealedFiles } from './sealedFiles';
import { SERVER_FIELD, type OutboxEnvelope } from './serverSeal';

/** Sealed changes per request: boxes are about a third larger than the changes they hold. */
const MAX_SEALED_CHANGES = 200;
const MAX_SEALED_BYTES = 512 * 1024;

type RawOutboxRow = { seq: number; state: string; [SERVER_FIELD]?: OutboxEnvelope };

export interface SealedSendResult {
  /** Changes the server answered (applied, duplicate, conflict or rejected). */
  changes: number;
  /** Files of those changes the server now holds. */
  files: number;
}

/**
 * Sends the changes a user's database holds sealed to the server (./serverSeal.ts), WITHOUT that user's
 * key: while the app is locked (the user's own session), or from another user's session on the same tablet
 * (a supervisor syncing agents' tablets at base). The server checks the device's signatures and applies the
 * changes as the device's push, with the rules of an import when the sender is someone else
 * (docs/sync-protocol.md, "Sealed push").
 *
 * It reads and writes only what is not sealed under the user's key: the `meta` row (the device id and
 * `sealedSentSeq`) and the outbox rows' `$server` envelopes. The rows themselves stay pending: the user's
 * own engine, once unlocked, sends them again and is answered `duplicate` (or `rejected` as before), which
 * is how the results reach their records. Nothing is lost if the answer is: the server applies each seq
 * once. One sender at a time per user across tabs (the user's sync lock).
 */
export async function sendSealedOutbox(dbName: string, api: ApiClient): Promise<SealedSendResult> {
  const result: SealedSendResult = { changes: 0, files: 0 };
  const userId = dbName.slice('terrain-'.length);
  // Busy: that user's own engine, or another sender, is at it in another tab; the next sync tries again.
  await runIfFree(browserLocks(), syncLockName(userId), async () => {
    const idb = await openExisting(dbName);
    if (!idb) return;
    try {
      if (!idb.objectStoreNames.contains('outbox') || !idb.objectStoreNames.contains('meta')) return;
      for (;;) {
        const batch = await readBatch(idb);
        if (!batch || batch.changes.length === 0) return;
        const response = await api.pushSealed({
          protocol: PROTOCOL_VERSION,
          clientId: batch.clientId,
          changes: batch.changes.map((c) => c.change),
        });
        const answered = answeredSeqs(response, batch.changes);
        if (answered.size === 0)
          throw new ApiError(200, 'invalid_response', 'The server answered sealed changes without a result');
        // The files the taken changes name follow them (./sealedFiles.ts), before the seqs count as sent.
        const taken = batch.changes.filter((c) => answered.get(c.change.seq) === 'taken');
        const files = [...new Set(taken.flatMap((c) => c.media))];
        if (files.length > 0) result.files += await sendSealedFiles(idb, api, files);
        await recordSent(idb, Math.max(...answered.keys()));
        result.changes += answered.size;
      }
    } finally {
      idb.close();
    }
  });
  return result;
}

/**
 * Sends the sealed changes of every other user's database on this browser, from `senderId`'s session. A
 * failure for one user's changes (a revoked device, changes the sender may not bring in) does not stop the
 * others; a failure of the network does, and is thrown.
 */
export async function sendOthersSealed(senderId: string, api: ApiClient): Promise<SealedSendResult> {
  const total: SealedSendResult = { changes: 0, files: 0 };
  for (const name of await userDatabases()) {
    if (name === `terrain-${senderId}`) continue;
    try {
      const sent = await sendSealedOutbox(name, api);
      total.changes += sent.changes;
      total.files += sent.files;
    } catch (error) {
      // The sender's own session ended, or the network failed: the others wait too.
      if (!(error instanceof ApiError) || error.transient || error.status === 401) throw error;
    }
  }
  return total;
}

/**
 * The next consecutive pending changes after `sealedSentSeq` that have their envelope. A pending change
 * without one (written before this device knew the server's key) stops the batch: the server refuses gaps,
 * so it and those after it wait for their user's own engine.
 */
async function readBatch(idb: IDBDatabase): Promise<{ clientId: string; changes: OutboxEnvelope[] } | null> {
  const tx = idb.transaction(['meta', 'outbox'], 'readonly');
  const meta = (await done(tx.objectStore('meta').get('sync'))) as SyncMeta | undefined;
  if (!meta) return null;
  const after = meta.sealedSentSeq ?? 0;
  const changes: OutboxEnvelope[] = [];
  let bytes = 0;
  const cursor = tx.objectStore('outbox').openCursor(IDBKeyRange.lowerBound(after, true));
  await new Promise<void>((resolve, reject) => {
    cursor.onerror = () => reject(cursor.error ?? new Error('IndexedDB cursor failed'));
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return resolve();
      const row = at.value as RawOutboxRow;
      const envelope = row[SERVER_FIELD];
      const previous = changes[changes.length - 1];
      if (row.state !== 'pending') {
        // Answered already (a refusal kept for its user): it ends a batch, the next one starts after it.
        if (previous) return resolve();
        return at.continue();
      }
      const size = envelope ? JSON.stringify(envelope.change).length : 0;
      if (
        !envelope ||
        envelope.change.seq !== row.seq ||
        (previous && previous.change.seq + 1 !== row.seq) ||
        changes.length >= MAX_SEALED_CHANGES ||
        (previous && bytes + size > MAX_SEALED_BYTES)
      )
        return resolve();
      changes.push(envelope);
      bytes += size;
      at.continue();
    };
  });
  return { clientId: meta.clientId, changes };
}

/** The seqs of the batch the server answered: `taken` unless refused. */
function answeredSeqs(
  response: ClientPushResponse,
  changes: OutboxEnvelope[],
): Map<number, 'taken' | 'refused'> {
  const seqs = new Set(changes.map((c) => c.change.seq));
  const answered = new Map<number, 'taken' | 'refused'>();
  for (const r of response.results)
    if (seqs.has(r.seq)) answered.set(r.seq, r.status === 'rejected' ? 'refused' : 'taken');
  return answered;
}

async function recordSent(idb: IDBDatabase, seq: number): Promise<void> {
  const tx = idb.transaction('meta', 'readwrite');
  const store = tx.objectStore('meta');
  const meta = (await done(store.get('sync'))) as SyncMeta | undefined;
  if (meta && (meta.sealedSentSeq ?? 0) < seq) store.put({ ...meta, sealedSentSeq: seq });
  await committed(tx);
}
