import { createHash } from 'node:crypto';
import {
  openSealedMedia,
  SEALED_MEDIA_OVERHEAD,
  verifySealedMedia,
  type SealedMediaRequest,
  type SealedMediaResponse,
} from '../../core/sync/sealedMedia';
import { auditContext } from '../audit/context';
import type { ClientInfo } from '../http/clientInfo';
import { HttpError } from '../http/errors';
import { storeWholeMedia } from '../media/storeWholeMedia';
import type { MediaBlobRecord, MediaOps } from '../storage/MediaOps';
import type { Storage, UserRecord } from '../storage/Storage';
import { sealedRefusal, sealingDevice } from './sealingDevice';
import { serverKey } from './serverKey';

/** Chunks read per database round trip while reading the ciphertext. */
const READ_PAGE = 4;

/**
 * Finishes a sealed file (docs/sync-protocol.md, "Sealed files"): `sender` (the author, or any other user
 * signed in on the tablet) uploaded the ciphertext `sealedSha256` by the ordinary resumable path; the server
 * checks the device's signature, opens the ciphertext with its key, checks the plain bytes against the
 * signed SHA-256 and size, and keeps them as the AUTHOR's completed upload (storeWholeMedia), exactly as if
 * the author's device had uploaded them: the author's submissions naming the file then grant access to
 * their readers, and nothing else does. The sender gains nothing: they never held the plain file.
 *
 * Not one transaction: storeWholeMedia commits chunk by chunk. The ciphertext is dropped after the plain
 * file is stored; a finish cut in between is answered `complete` when sent again (the author holds the
 * file), and drops it then. The ciphertext and the plain file are both held in memory (at most 100 MiB
 * each), as an import's files are.
 */
export async function finishSealedMedia(
  storage: Storage,
  sender: UserRecord,
  request: SealedMediaRequest,
  now: Date,
  client: ClientInfo | null,
): Promise<SealedMediaResponse> {
  const done: SealedMediaResponse = { sha256: request.sha256, complete: true };
  const { publicKey, author } = await sealingDevice(storage, request.clientId, sender, 'file');
  if (!(await verifySealedMedia(publicKey, request))) throw sealedRefusal('file', 'signature');
  // A disabled author's files are taken, as their sealed changes are (pushSealed): a colleague syncing the
  // tablet at base brings in what was collected before the account was disabled. A device that must not be
  // trusted is revoked, which refuses it above.
  const key = await serverKey(storage, request.header.keyId);
  if (!key) throw sealedRefusal('file', 'unknown_key');

  // Finished before (a lost answer, or another sender): the author holds the file.
  const authors = await storage.media.getUpload(request.sha256, author.id);
  if (authors?.completedAt) {
    await storage.media.dropUpload(request.sealedSha256, sender.id);
    return done;
  }

  const sealed = await storage.media.getUpload(request.sealedSha256, sender.id);
  const blob = sealed?.completedAt ? await storage.media.getBlob(request.sealedSha256) : undefined;
  if (!blob)
    throw new HttpError('not_found', 'Upload the whole sealed file first (PATCH /api/media/<sealedSha256>)');
  if (blob.size !== request.size + SEALED_MEDIA_OVERHEAD) throw mismatch();
  // Read outside the try: a damaged blob or a database error is the server's fault, not a 400 "altered".
  const ciphertext = await readBlob(storage.media, blob);
  let plain: Uint8Array<ArrayBuffer>;
  try {
    plain = await openSealedMedia(key.privateKey, request.header, ciphertext);
  } catch {
    throw sealedRefusal('file', 'unreadable');
  }
  const sha256 = createHash('sha256').update(plain).digest('hex');
  if (plain.byteLength !== request.size || sha256 !== request.sha256) throw mismatch();

  await storeWholeMedia(storage, author, { sha256, type: request.type, bytes: plain }, now);
  await storage.transaction(async (tx) => {
    await tx.media.dropUpload(request.sealedSha256, sender.id);
    await tx.audit({
      ...auditContext(sender.id, client, author.id),
      at: now.toISOString(),
      action: 'media.sealed',
      tbl: 'media',
      recordId: sha256,
      details: { clientId: request.clientId, sha256, size: request.size, sealedSha256: request.sealedSha256 },
    });
  });
  return done;
}

function mismatch(): HttpError {
  return new HttpError(
    'hash_mismatch',
    'The sealed file does not hold the file its signature names (SHA-256 or size). Nothing was stored.',
  );
}

/** A blob's bytes in one array, read a few chunks at a time. */
async function readBlob(media: MediaOps, blob: MediaBlobRecord): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(blob.size);
  let from = 0;
  for (;;) {
    const page = await media.readChunks(blob.sha256, blob.userId, from, READ_PAGE);
    for (const chunk of page) {
      if (chunk.position !== from || from + chunk.data.byteLength > blob.size)
        throw new Error(`Blob ${blob.sha256} is damaged at ${from}`);
      bytes.set(chunk.data, from);
      from += chunk.data.byteLength;
    }
    if (page.length < READ_PAGE) break;
  }
  if (from !== blob.size) throw new Error(`Blob ${blob.sha256} is missing bytes from ${from}`);
  return bytes;
}
