import { createHash } from 'node:crypto';
import { hasRole } from '../../core/records/user';
import {
  MAX_PUSH_MUTATIONS,
  PROTOCOL_VERSION,
  type Mutation,
  type MutationResult,
  type PushRequest,
} from '../../core/sync/protocol';
import type { ImportResponse, UnsyncedExport } from '../../core/sync/unsyncedExport';
import { auditContext } from '../audit/context';
import { auditFileRefusal, checkFileDevice, FileRefusal, type FileTrust } from '../devices/fileTrust';
import type { ClientInfo } from '../http/clientInfo';
import { HttpError } from '../http/errors';
import type { RejectedCaps } from '../limits/config';
import { storeWholeMedia } from '../media/storeWholeMedia';
import type { Storage, UserRecord } from '../storage/Storage';
import { pushInTx } from './push';
import type { Importer } from './pushBatch';

/**
 * Applies an export file at base, exactly as if its device had pushed it (per-client seq, replays answered
 * `duplicate` or `rejected` as before, a gap refused), so the file and the device itself can reach the
 * server in any order, any number of times, and each change is stored once.
 *
 * The changes stay the device user's: submissions are theirs (`createdBy`), and the audit log records
 * `submission.import` by `importer`. Each change is applied only if both the file's user and the importer
 * may make it, by the table's own rule (the push's code path). `importer` null is the operator at the
 * server's console (the CLI), who is trusted like an admin. The file must be signed by its device, which
 * its user owns (see `trustedFile`).
 *
 * The whole file is applied in one transaction: a gap or any failure leaves the server as it was.
 */
export async function importUnsynced(
  storage: Storage,
  file: UnsyncedExport,
  importer: UserRecord | null,
  now: Date,
  options: ImportOptions = {},
): Promise<ImportResponse> {
  if (importer) checkImporter(importer);
  const user = await storage.userById(file.userId);
  if (!user) throw new HttpError('not_found', `The file's user ${file.userId} has no account on this server`);
  const trust = await trustedFile(storage, file, importer, now, options);
  const client = options.client ?? null;

  const results: MutationResult[] = [];
  const importedBy: Importer = {
    id: importer?.id ?? null,
    ...(importer ? { user: importer } : {}),
    ...(options.client ? { client: options.client } : {}),
    trust,
  };
  try {
    await storage.transaction(async (tx) => {
      // A file let in unsigned by the operator's choice is recorded with the import (and only if it commits).
      if (trust !== 'signed')
        await tx.audit({
          at: now.toISOString(),
          userId: importer?.id ?? null,
          action: 'import.unsigned',
          tbl: 'clients',
          recordId: file.clientId,
          onBehalfOf: file.userId,
          ...options.client,
          details: {
            reason: trust,
            clientId: file.clientId,
            version: file.version,
            changes: file.mutations.length,
          },
        });
      for (const mutations of consecutiveBatches(file.mutations.map(toMutation))) {
        const request: PushRequest = { protocol: PROTOCOL_VERSION, clientId: file.clientId, mutations };
        results.push(
          ...(await pushInTx(storage, tx, user, request, now, { importedBy, client, caps: options.caps }))
            .results,
        );
      }
      await tx.audit({
        ...auditContext(importedBy.id, client, user.id),
        at: now.toISOString(),
        action: 'import.file',
        tbl: 'clients',
        recordId: file.clientId,
        details: {
          exportedAt: file.exportedAt,
          changes: file.mutations.length,
          applied: results.filter((r) => r.status === 'applied' || r.status === 'conflict').length,
          rejected: results.filter((r) => r.status === 'rejected').length,
        },
      });
    });
  } catch (err) {
    if (err instanceof HttpError && err.code === 'seq_gap') {
      const { expectedSeq } = err.details as { expectedSeq: number };
      throw new HttpError(
        'seq_gap',
        `The server is missing this device's changes from seq ${expectedSeq}: import the older export ` +
          'file first, or let the device sync. Nothing was imported.',
        err.details,
      );
    }
    throw err;
  }

  const stored = await storeMedia(storage, user, file.media, now);
  const count = (status: MutationResult['status']) => results.filter((r) => r.status === status).length;
  return {
    userId: file.userId,
    clientId: file.clientId,
    total: results.length,
    applied: count('applied'),
    duplicate: count('duplicate'),
    rejected: count('rejected'),
    conflict: count('conflict'),
    results,
    drafts: file.drafts.length,
    media: {
      listed: file.media.length,
      withBytes: file.media.filter((m) => m.data !== undefined).length,
      stored,
    },
  };
}

export interface ImportOptions {
  /**
   * The CLI's `--trust-unsigned`: the operator at the console takes a file that is unsigned or whose device
   * never registered its key (audited `import.unsigned`). Never over HTTP.
   */
  trustUnsigned?: boolean;
  /** Where an import over HTTP came from, for the audit log. */
  client?: ClientInfo;
  /** What is kept of refused changes' payloads (src/server/sync/rejectedCaps.ts). */
  caps?: RejectedCaps;
}

/**
 * The file must be its device's own (src/server/devices/fileTrust.ts), checked before anything is applied:
 * a forged or edited file then neither acts for anyone nor burns anyone's seqs. A refusal is audited
 * (`import.refused`) outside the import's transaction, so the entry stays.
 */
async function trustedFile(
  storage: Storage,
  file: UnsyncedExport,
  importer: UserRecord | null,
  now: Date,
  options: ImportOptions,
): Promise<FileTrust> {
  try {
    return await checkFileDevice(storage, file, options.trustUnsigned === true);
  } catch (err) {
    if (err instanceof FileRefusal) await auditFileRefusal(storage, err, file, importer, now, options.client);
    throw err;
  }
}

/**
 * Stores the file's media as if the device had uploaded them (the device user is the uploader, so the same
 * download rights apply). Each file is checked against its SHA-256 first; a damaged or refused one is not
 * counted, and the import result tells the supervisor to keep the file. Stored after the records, as a
 * device does: the server accepts records whose media arrive later.
 */
async function storeMedia(
  storage: Storage,
  user: UserRecord,
  media: UnsyncedExport['media'],
  now: Date,
): Promise<number> {
  let stored = 0;
  for (const entry of media) {
    if (entry.data === undefined) continue;
    const bytes = new Uint8Array(Buffer.from(entry.data, 'base64'));
    if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256) continue;
    try {
      await storeWholeMedia(storage, user, { sha256: entry.sha256, type: entry.type, bytes }, now);
      stored += 1;
    } catch (err) {
      // Too large, or refused for another reason: the bytes stay in the file, which the result says to keep.
      if (!(err instanceof HttpError)) throw err;
    }
  }
  return stored;
}

/**
 * Only supervisors and admins import files; which of the file's changes they may bring in is checked
 * change by change, with the file user's rights (see PushBatch.actors).
 */
function checkImporter(importer: UserRecord): void {
  if (!hasRole(importer.role, 'supervisor'))
    throw new HttpError('forbidden', 'Only supervisors and admins import export files');
}

function toMutation({
  state: _state,
  rejection: _rejection,
  ...mutation
}: UnsyncedExport['mutations'][number]): Mutation {
  return mutation;
}

/**
 * The file's entries cut into push batches: runs of consecutive seqs (entries that left the outbox leave
 * holes, always below what the server has already processed), at most MAX_PUSH_MUTATIONS each.
 */
function consecutiveBatches(mutations: Mutation[]): Mutation[][] {
  const batches: Mutation[][] = [];
  let current: Mutation[] = [];
  for (const m of mutations) {
    const previous = current.at(-1);
    if (current.length === MAX_PUSH_MUTATIONS || (previous && m.seq !== previous.seq + 1)) {
      batches.push(current);
      current = [];
    }
    current.push(m);
  }
  if (current.length) batches.push(current);
  return batches;
}
