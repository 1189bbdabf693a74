import { z } from 'zod/mini';

/**
 * Erasing a submission at a person's request (`POST /api/submissions/:id/erase`, docs/sync-protocol.md
 * "Erasure"): the whole chain of its versions, its photos and files no other submission names, its review,
 * review history and conflict log entries go; devices remove them at their next sync. What stays is a
 * tombstone (ids, no content) and the `submission.erase` entry of the audit log with the reason given.
 */

/** A submission id as a push names it. */
export const ErasedId = z.string().check(z.minLength(1), z.maxLength(100));

export const EraseRequest = z.object({
  /**
   * Why: the request's reference (a ticket, "data subject request 2026-14"), kept in the audit log. Not the
   * person's name: the log outlives the erasure.
   */
  reason: z
    .string()
    .check(
      z.trim(),
      z.minLength(3, 'Say why (at least 3 characters): the request it answers'),
      z.maxLength(500),
    ),
});
export type EraseRequest = z.infer<typeof EraseRequest>;

/** A file the erased submission named that another submission still names: kept for that one. */
export const KeptFile = z.object({
  sha256: z.string(),
  /** The other submissions naming it that the eraser may see. */
  submissions: z.array(z.string()),
  /** How many others name it, in projects the eraser does not see. */
  others: z.number(),
});

export const EraseResponse = z.object({
  /** The submission asked for, and every version of its chain, all erased. */
  submissionId: z.string(),
  projectId: z.string(),
  versions: z.array(z.string()),
  erasedAt: z.iso.datetime(),
  /** How many of each went. */
  removed: z.object({
    reviews: z.number(),
    reviewEvents: z.number(),
    conflicts: z.number(),
    files: z.number(),
    /** Refused changes about it whose payload was replaced by a summary (ids, size, hash). */
    refusedChanges: z.number(),
    /** Audit entries whose details (review comments before and after) were redacted. */
    auditDetails: z.number(),
  }),
  keptFiles: z.array(KeptFile),
});
export type EraseResponse = z.infer<typeof EraseResponse>;
