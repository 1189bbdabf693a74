import { PURGE_ACTION, type TrimCheckpoint } from '../audit/checkpoint';
import { cleanup } from '../limits/cleanup';
import type { Storage } from '../storage/Storage';
import { payloadSummary } from '../sync/rejectedCaps';
import type { RetentionPeriods } from './config';

/** Refused changes emptied per transaction. */
const PAGE = 200;

export interface PurgeCounts {
  /** Refused changes whose payload (what the user entered) and details were emptied. */
  refusedChanges: number;
  /** Sessions that had ended (expired or revoked), deleted. */
  sessions: number;
  /** Unfinished uploads nobody resumed, and complete files no submission names, deleted with their bytes. */
  uploads: number;
  files: number;
  /** Audit entries removed from the start of the chain. */
  auditEntries: number;
}

export interface PurgeReport {
  dryRun: boolean;
  /** The cut-off of each kind (ISO): what is older goes. Null: kept for ever. */
  before: { refusedChanges: string | null; sessions: string | null; media: string; audit: string | null };
  removed: PurgeCounts;
  /** Where the audit chain starts after the purge (or would), when it removes entries. */
  checkpoint: TrimCheckpoint | null;
}

const cutoff = (now: Date, ms: number | null) =>
  ms === null ? null : new Date(now.getTime() - ms).toISOString();

/**
 * Applies the retention periods (config.ts): empties the payloads of old refused changes (the row stays, so a
 * replayed seq is still answered `rejected`; the device keeps the change whole), deletes ended sessions,
 * unclaimed uploads and files no submission names (the hourly sweep's rule, src/server/limits/cleanup.ts),
 * and the oldest audit entries, leaving a checkpoint in the chain that `audit verify` starts from
 * (src/server/audit/checkpoint.ts). A run that removed anything is audited (`retention.purge`, with the
 * counts and the checkpoint). With `dryRun`, counts the same things and changes nothing.
 */
export async function purge(
  storage: Storage,
  now: Date,
  periods: RetentionPeriods,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<PurgeReport> {
  const before = {
    refusedChanges: cutoff(now, periods.rejectedMs),
    sessions: cutoff(now, periods.tokensMs),
    media: cutoff(now, periods.mediaMs)!,
    audit: cutoff(now, periods.auditMs),
  };
  const removed: PurgeCounts = { refusedChanges: 0, sessions: 0, uploads: 0, files: 0, auditEntries: 0 };
  const r = storage.retention;
  if (dryRun) {
    if (before.refusedChanges) removed.refusedChanges = await r.countRejectedToExpire(before.refusedChanges);
    if (before.sessions) removed.sessions = await r.countEndedTokens(before.sessions);
    removed.uploads = await storage.limits.countStaleUploads(before.media);
    removed.files = await storage.limits.countUnnamedBlobs(before.media);
    const point = before.audit ? await r.auditTrimPoint(before.audit) : null;
    removed.auditEntries = point?.removed ?? 0;
    const checkpoint = point && before.audit ? { ...point, before: before.audit } : null;
    return { dryRun, before, removed, checkpoint };
  }

  const swept = await cleanup(storage, now, periods.mediaMs);
  removed.uploads = swept.uploads;
  removed.files = swept.blobs;
  if (before.refusedChanges) removed.refusedChanges = await expireRejected(storage, before.refusedChanges);
  if (before.sessions) removed.sessions = await r.deleteEndedTokens(before.sessions);
  // Last, so the purge's own entry (in the same transaction as the trim) counts everything it did.
  const checkpoint = await storage.transaction(async (tx) => {
    const point = before.audit ? await tx.retention.auditTrimPoint(before.audit) : null;
    const trimmed =
      point && before.audit
        ? { ...point, removed: await tx.retention.trimAudit(point.firstKept), before: before.audit }
        : null;
    removed.auditEntries = trimmed?.removed ?? 0;
    if (Object.values(removed).some((n) => n > 0))
      await tx.audit({
        at: now.toISOString(),
        userId: null,
        action: PURGE_ACTION,
        tbl: null,
        recordId: null,
        details: { before, removed, ...(trimmed ? { checkpoint: trimmed } : {}) },
      });
    return trimmed;
  });
  return { dryRun, before, removed, checkpoint };
}

/** Empties the payloads of the refused changes stored before `before`, a page per transaction. */
async function expireRejected(storage: Storage, before: string): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await storage.transaction(async (tx) => {
      const page = await tx.retention.rejectedToExpire(before, PAGE);
      for (const { mutationId, payload } of page)
        await tx.retention.replaceRejectedPayload(mutationId, payloadSummary(payload, 'expired'));
      return page.length;
    });
    total += done;
    if (done < PAGE) return total;
  }
}

/** What a purge removed (or would), in words for the operator and the server's log. */
export function describePurge(report: PurgeReport): string[] {
  const n = (count: number, word: string) =>
    `${count.toLocaleString('en')} ${count === 1 ? word : word.replace(/y$/, 'ie') + 's'}`;
  const { before, removed, checkpoint } = report;
  const kept = (name: string) => `kept for ever (${name}=0)`;
  const lines = [
    report.dryRun ? 'Would remove (dry run: nothing changed):' : 'Removed:',
    `  refused changes: ${
      before.refusedChanges
        ? `the content of ${n(removed.refusedChanges, 'refused change')} stored before ${before.refusedChanges}`
        : kept('REJECTED_RETENTION_DAYS')
    }`,
    `  sessions: ${
      before.sessions
        ? `${n(removed.sessions, 'session')} ended before ${before.sessions}`
        : kept('TOKEN_RETENTION_DAYS')
    }`,
    `  files: ${n(removed.uploads, 'unfinished upload')} and ${n(removed.files, 'file')} no submission names, from before ${before.media}`,
  ];
  if (!before.audit) lines.push(`  audit trail: ${kept('AUDIT_RETENTION_DAYS')}`);
  else if (!checkpoint) lines.push(`  audit trail: no entry written before ${before.audit}`);
  else
    lines.push(
      `  audit trail: ${n(checkpoint.removed, 'entry')} written before ${before.audit}; the chain ` +
        `${report.dryRun ? 'would start' : 'now starts'} at entry ${checkpoint.firstKept} ` +
        `(previous hash ${checkpoint.prevHash})${report.dryRun ? '' : ', as its purge entry records'}`,
    );
  return lines;
}
