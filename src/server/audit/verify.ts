import type { AuditRecord, StorageOps } from '../storage/Storage';
import { chainHash, columnsDigest, GENESIS_HASH } from './chain';
import { PURGE_ACTION, PurgeCheckpoint } from './checkpoint';
import { ErasureVouchers, redactedBy } from './redaction';

/** Entries read per query while walking the chain. */
const PAGE = 1000;

export interface AuditProblem {
  seq: number;
  problem: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries walked. */
  entries: number;
  /** The first entry kept: 1, or where a purge's checkpoint says the chain now starts. */
  firstSeq: number;
  /** Entries whose details an erasure redacted (vouched for by its entry). */
  redacted: number;
  /** The chain's last seq and hash: note it down to detect later that the newest entries were cut. */
  head: { seq: number; hash: string };
  /** The first problems found (at most 20), in chain order. */
  problems: AuditProblem[];
}

const parsedDetails = (entry: AuditRecord): unknown => {
  try {
    return entry.detailsJson === null ? null : JSON.parse(entry.detailsJson);
  } catch {
    return null;
  }
};

/**
 * Walks the audit chain from its first stored entry, recomputing each hash from the stored columns: an entry
 * edited, deleted or inserted shows as a hash or seq that does not follow, and entries cut from the end as
 * a head the chain does not reach. What the chain cannot show alone is the head row rewritten with the
 * newest entries deleted: compare the head with one noted earlier (docs/security.md).
 *
 * Two acts change old entries on purpose, and each leaves its proof in the chain (checkpoint.ts,
 * redaction.ts): a purge removes the oldest entries, and the chain starts at the first kept entry when an
 * `retention.purge` entry names it and the hash it links back to; an erasure redacts the details of entries
 * about what it erased, and each redacted entry must be listed, with its hash and other columns, by its
 * `submission.erase` entry.
 */
export async function verifyAuditChain(storage: StorageOps): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const note = (seq: number, problem: string) => {
    if (problems.length < 20) problems.push({ seq, problem });
  };
  const [first] = await storage.auditChain(0, 1);
  // A chain that no longer starts at 1 must be vouched for by a purge's checkpoint, found on the way.
  const start = first && first.seq > 1 ? { seq: first.seq, prevHash: first.prevHash } : null;
  let startVouched = start === null;
  let previous = start ? start.prevHash : GENESIS_HASH;
  let expected = first?.seq ?? 1;
  let entries = 0;
  let redacted = 0;
  /** Redacted entries not yet vouched for by their erasure, by seq. */
  const pending = new Map<number, { erasure: string; hash: string; columns: string }>();
  for (;;) {
    const page = await storage.auditChain(expected - 1, PAGE);
    for (const entry of page) {
      entries += 1;
      if (entry.seq !== expected) note(expected, `entries ${expected} to ${entry.seq - 1} are missing`);
      if (entry.prevHash !== previous) note(entry.seq, 'does not follow the entry before it');
      previous = entry.hash;
      expected = entry.seq + 1;
      const erasure = redactedBy(entry.detailsJson);
      if (erasure !== null) {
        redacted += 1;
        pending.set(entry.seq, { erasure, hash: entry.hash, columns: columnsDigest(entry.prevHash, entry) });
        continue;
      }
      if (chainHash(entry.prevHash, { ...entry, details: entry.detailsJson }) !== entry.hash) {
        note(entry.seq, 'was changed after it was written');
        continue;
      }
      // Only an intact entry may vouch for others.
      if (entry.action === PURGE_ACTION && start) {
        const parsed = PurgeCheckpoint.safeParse(parsedDetails(entry));
        const checkpoint = parsed.success ? parsed.data.checkpoint : undefined;
        if (checkpoint?.firstKept === start.seq) startVouched ||= checkpoint.prevHash === start.prevHash;
      }
      if (entry.action === 'submission.erase') {
        const vouchers = ErasureVouchers.safeParse(parsedDetails(entry));
        const { erasure, redacted: items } = vouchers.success ? vouchers.data : { erasure: '', redacted: [] };
        for (const item of items) {
          const held = pending.get(item.seq);
          if (held?.erasure === erasure && held.hash === item.hash && held.columns === item.columns)
            pending.delete(item.seq);
        }
      }
    }
    if (page.length < PAGE) break;
  }
  if (start && !startVouched)
    note(start.seq, `entries 1 to ${start.seq - 1} are missing, and no purge recorded removing them`);
  for (const [seq] of pending) note(seq, 'had its details removed, and no erasure records doing it');
  const head = await storage.auditHead();
  if (head.seq !== expected - 1)
    note(head.seq, `the head says ${head.seq} entries, the chain has ${expected - 1}`);
  else if (head.hash !== previous) note(head.seq, 'the head does not match the last entry');
  problems.sort((a, b) => a.seq - b.seq);
  return { ok: problems.length === 0, entries, firstSeq: first?.seq ?? 1, redacted, head, problems };
}
