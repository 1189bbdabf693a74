import { createHash } from 'node:crypto';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The columns of one audit entry that its hash covers, exactly as stored (details as its JSON text). */
export interface ChainedFields {
  seq: number;
  at: string;
  userId: string | null;
  onBehalfOf: string | null;
  action: string;
  tbl: string | null;
  recordId: string | null;
  address: string | null;
  userAgent: string | null;
  details: string | null;
}

/**
 * The hash of an audit entry: SHA-256 over the previous entry's hash and this entry's stored columns.
 * Each entry so vouches for every one before it: editing or deleting an entry breaks every later hash
 * (`npm run cli -- audit verify`). Computed over the stored text, never a re-serialised copy, so a value
 * read back from either database hashes the same.
 */
export function chainHash(previous: string, entry: ChainedFields): string {
  const columns = [
    previous,
    entry.seq,
    entry.at,
    entry.userId,
    entry.onBehalfOf,
    entry.action,
    entry.tbl,
    entry.recordId,
    entry.address,
    entry.userAgent,
    entry.details,
  ];
  return createHash('sha256').update(JSON.stringify(columns)).digest('hex');
}

/**
 * The digest of an entry's columns other than `details`, with the previous hash: what an erasure records of
 * each entry whose details it redacts (redaction.ts), so that `audit verify` still checks everything of
 * that entry but the details it no longer holds.
 */
export function columnsDigest(previous: string, entry: Omit<ChainedFields, 'details'>): string {
  const columns = [
    previous,
    entry.seq,
    entry.at,
    entry.userId,
    entry.onBehalfOf,
    entry.action,
    entry.tbl,
    entry.recordId,
    entry.address,
    entry.userAgent,
  ];
  return createHash('sha256').update(JSON.stringify(columns)).digest('hex');
}
