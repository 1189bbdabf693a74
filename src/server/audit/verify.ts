import type { StorageOps } from '../storage/Storage';
import { chainHash, GENESIS_HASH } from './chain';

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
  /** The chain's last seq and hash: note it down to detect later that the newest entries were cut. */
  head: { seq: number; hash: string };
  /** The first problems found (at most 20), in chain order. */
  problems: AuditProblem[];
}

/**
 * Walks the audit chain from its first entry, recomputing each hash from the stored columns: an entry
 * edited, deleted or inserted shows as a hash or seq that does not follow, and entries cut from the end as
 * a head the chain does not reach. What the chain cannot show alone is the head row rewritten with the
 * newest entries deleted: compare the head with one noted earlier (docs/security.md).
 */
export async function verifyAuditChain(storage: StorageOps): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const note = (seq: number, problem: string) => {
    if (problems.length < 20) problems.push({ seq, problem });
  };
  let previous = GENESIS_HASH;
  let expected = 1;
  let entries = 0;
  for (;;) {
    const page = await storage.auditChain(expected - 1, PAGE);
    for (const entry of page) {
      entries += 1;
      if (entry.seq !== expected) note(expected, `entries ${expected} to ${entry.seq - 1} are missing`);
      if (entry.prevHash !== previous) note(entry.seq, 'does not follow the entry before it');
      const hash = chainHash(entry.prevHash, { ...entry, details: entry.detailsJson });
      if (hash !== entry.hash) note(entry.seq, 'was changed after it was written');
      previous = entry.hash;
      expected = entry.seq + 1;
    }
    if (page.length < PAGE) break;
  }
  const head = await storage.auditHead();
  if (head.seq !== expected - 1)
    note(head.seq, `the head says ${head.seq} entries, the chain has ${expected - 1}`);
  else if (head.hash !== previous) note(head.seq, 'the head does not match the last entry');
  return { ok: problems.length === 0, entries, head, problems };
}
