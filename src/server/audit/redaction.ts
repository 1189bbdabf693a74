import { z } from 'zod/mini';
import type { AuditRecord } from '../storage/Storage';
import { columnsDigest } from './chain';

/**
 * Redacting the details of audit entries an erasure makes obsolete (src/server/erasure), without breaking
 * the chain. An entry about an erased review keeps every column but `details`, which becomes a marker naming
 * the erasure; the erasure's own entry (`submission.erase`, appended to the chain in the same transaction)
 * lists each redacted entry's seq, hash and `columnsDigest`. `audit verify` then checks a redacted entry by
 * that list instead of by its hash, which it can no longer recompute: its links, its other columns and its
 * hash are still vouched for by a later entry of the chain, and only an erasure can redact.
 */

/** What an erasure records of one entry whose details it redacted. */
export const RedactedEntry = z.object({ seq: z.number(), hash: z.string(), columns: z.string() });
export type RedactedEntry = z.infer<typeof RedactedEntry>;

/** The part of a `submission.erase` entry's details that vouches for the entries it redacted. */
export const ErasureVouchers = z.object({ erasure: z.string(), redacted: z.array(RedactedEntry) });

const Marker = z.object({ redacted: z.object({ erasure: z.string() }) });

/** The details a redacted entry keeps: which erasure redacted them. */
export function redactionMarker(erasureId: string): string {
  return JSON.stringify({ redacted: { erasure: erasureId } });
}

/** The erasure that redacted these details, or null for details as written. */
export function redactedBy(detailsJson: string | null): string | null {
  if (detailsJson === null || !detailsJson.startsWith('{"redacted":')) return null;
  try {
    const parsed = Marker.safeParse(JSON.parse(detailsJson));
    return parsed.success ? parsed.data.redacted.erasure : null;
  } catch {
    return null;
  }
}

/** What the erasure records of `entry` before redacting it. */
export function redactedEntry(entry: AuditRecord): RedactedEntry {
  return { seq: entry.seq, hash: entry.hash, columns: columnsDigest(entry.prevHash, entry) };
}
