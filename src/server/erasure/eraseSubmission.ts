import { randomUUID } from 'node:crypto';
import { hasRole } from '../../core/records/user';
import type { EraseResponse } from '../../core/sync/erasure';
import { auditContext } from '../audit/context';
import { redactedEntry, redactionMarker, type RedactedEntry } from '../audit/redaction';
import type { ClientInfo } from '../http/clientInfo';
import { HttpError } from '../http/errors';
import type { RecordAbout } from '../storage/ErasureOps';
import type { EntityRecord, Storage, StorageTx, UserRecord } from '../storage/Storage';
import { payloadSummary } from '../sync/rejectedCaps';

/** Who erases: an account (an admin, or a supervisor of the project), or the operator at the console. */
export interface Eraser {
  user: UserRecord | null;
  client?: ClientInfo | null;
}

/** PostgreSQL's codes for a transaction it rolled back to break a deadlock, or to keep it serializable. */
const RETRIED_CODES = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Erases a submission at a person's request: every version of its chain, its review, review history and
 * their conflict log entries, its files that no other submission names, and the content of the refused
 * changes and audit details about them. Each version becomes a tombstone with a fresh server_seq (ids, no
 * content), which every device pulls and applies by deleting the record and what goes with it
 * (src/app/sync/applyErasures.ts), and which refuses the submission if a device or a file sends it again.
 * The audit log keeps `submission.erase`: who, when, why, which ids; no content.
 *
 * On PostgreSQL a push may run at the same moment. The erasure takes the server_seq counter's lock before it
 * reads what to erase, and a push checks after taking the same lock that nothing it refers to was erased
 * (PushBatch.flush): of the two, whichever takes the lock first is seen whole by the other. Locks are taken
 * in the push's order (review rows, the chain's root, the counter); a deadlock left in a rare interleaving
 * is broken by PostgreSQL, and the erasure is tried again.
 */
export async function eraseSubmission(
  storage: Storage,
  id: string,
  reason: string,
  by: Eraser,
  now: Date,
): Promise<EraseResponse> {
  if (by.user) requireEraserRole(by.user);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await storage.transaction((tx) => eraseInTx(tx, id, reason, by, now));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRIED_CODES.has(code)) throw error;
    }
  }
}

/** Agents and focal points never erase: refused before anything is read (the project is checked after). */
export function requireEraserRole(user: UserRecord): void {
  if (!hasRole(user.role, 'supervisor'))
    throw new HttpError('forbidden', 'Only the supervisors of its project and admins erase a submission');
}

async function eraseInTx(
  tx: StorageTx,
  id: string,
  reason: string,
  by: Eraser,
  now: Date,
): Promise<EraseResponse> {
  const target = await tx.getEntity('submissions', id);
  // Not found, for a submission of a project the eraser is not in, as for one that does not exist.
  const notFound = new HttpError('not_found', 'No such submission');
  if (!target) throw notFound;
  const user = by.user;
  if (user && user.role !== 'admin' && !(await tx.isProjectMember(target.projectId, user.id))) throw notFound;
  if (target.deleted) throw new HttpError('conflict', 'This submission was erased already');

  // The whole chain of versions goes, whichever version was named.
  const [row] = await tx.getSubmissionVersions([id]);
  const rootId = row?.rootId ?? id;
  await tx.erasure.lockRecordsAbout([id, rootId]);
  await tx.lockSubmissionChains([rootId], []);
  await tx.erasure.lockSeqCounter();
  // Read again under the counter's lock: what a push committed meanwhile is part of it now.
  const chain = await tx.lockSubmissionChains([rootId], []);
  const chainIds = [...new Set([rootId, id, ...chain.map((v) => v.id)])];
  const versions = (await tx.getEntities('submissions', chainIds)).filter((e) => !e.deleted);
  const versionIds = versions.map((v) => v.id).sort();
  const about = await tx.erasure.lockRecordsAbout(versionIds);

  const erasureId = randomUUID();
  const redacted = await redactAudit(tx, about, erasureId);
  const conflicts = await tx.erasure.deleteConflicts(about);
  await tx.erasure.deleteRecords(about);
  const files = await tx.erasure.dropMediaRefs(versionIds);
  const lost = files.filter((f) => f.namedBy.length === 0);
  await tx.erasure.deleteMediaFiles(lost.map((f) => f.sha256));
  const keptFiles = await describeKept(tx, user, files);
  const refused = await tx.erasure.rejectedNaming(versionIds);
  for (const r of refused)
    await tx.retention.replaceRejectedPayload(r.mutationId, payloadSummary(r.payload, 'erased'));
  await tx.erasure.deleteVersions(versionIds);
  const erasedAt = now.toISOString();
  await tx.erasure.writeTombstones(
    versionIds.map((v) => ({ id: v, rootId })),
    erasedAt,
  );

  const removed = {
    reviews: about.filter((r) => r.tbl === 'reviews').length,
    reviewEvents: about.filter((r) => r.tbl === 'reviewEvents').length,
    conflicts,
    files: lost.length,
    refusedChanges: refused.length,
    auditDetails: redacted.length,
  };
  await tx.audit({
    ...auditContext(user?.id ?? null, by.client ?? null),
    at: erasedAt,
    action: 'submission.erase',
    tbl: 'submissions',
    recordId: id,
    // Ids and counts only: the reason is the eraser's words (the request's reference, not the person).
    details: {
      reason,
      projectId: target.projectId,
      formId: formIdOf(versions),
      rootId,
      versions: versionIds,
      removed,
      keptFiles: keptFiles.length,
      erasure: erasureId,
      redacted,
    },
  });
  return {
    submissionId: id,
    projectId: target.projectId,
    versions: versionIds,
    erasedAt,
    removed,
    keptFiles,
  };
}

/** Redacts the details of the audit entries about the erased reviews and events (their comments). */
async function redactAudit(
  tx: StorageTx,
  about: readonly RecordAbout[],
  erasureId: string,
): Promise<RedactedEntry[]> {
  const entries = await tx.erasure.auditAbout(about);
  await tx.erasure.redactAudit(
    entries.map((e) => e.seq),
    redactionMarker(erasureId),
  );
  return entries.map(redactedEntry);
}

/**
 * The files another submission still names: kept for it, and said so, naming the submissions the eraser may
 * see (which they may erase too) and counting the others.
 */
async function describeKept(
  tx: StorageTx,
  user: UserRecord | null,
  files: readonly { sha256: string; namedBy: { id: string; projectId: string }[] }[],
): Promise<EraseResponse['keptFiles']> {
  const kept = files.filter((f) => f.namedBy.length > 0);
  if (kept.length === 0) return [];
  const visible = !user || user.role === 'admin' ? null : new Set(await tx.memberProjectIds(user.id));
  return kept.map((f) => {
    const seen = f.namedBy.filter((s) => visible === null || visible.has(s.projectId)).map((s) => s.id);
    return { sha256: f.sha256, submissions: seen, others: f.namedBy.length - seen.length };
  });
}

function formIdOf(versions: readonly EntityRecord[]): string | null {
  const formId = versions[0]?.data?.formId;
  return typeof formId === 'string' ? formId : null;
}
