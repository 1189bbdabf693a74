import { z } from 'zod/mini';
import { Hlc } from './protocol';

/**
 * The conflict log as the API serves it (`GET /api/conflicts`, `POST /api/conflicts/:id/restore`): every
 * value a concurrent edit of a mergeable record lost (src/core/sync/merge.ts), with the value that won.
 */
export const ConflictSide = z.object({
  value: z.unknown(),
  hlc: Hlc,
  /** The writer's account id, and their display name when the account exists. */
  by: z.nullable(z.string()),
  byName: z.nullable(z.string()),
});
export type ConflictSide = z.infer<typeof ConflictSide>;

/** Conflicts are named by a random UUID (they are logged by the server only). */
export const ConflictId = z.uuid();

export const Conflict = z.object({
  id: ConflictId,
  table: z.string(),
  recordId: z.string(),
  projectId: z.string(),
  /** The field's path: `status`, `fieldComments.age`, `deleted`. */
  field: z.string(),
  losing: ConflictSide,
  winning: ConflictSide,
  at: z.iso.datetime(),
  restoredAt: z.nullable(z.iso.datetime()),
  restoredBy: z.nullable(z.string()),
});
export type Conflict = z.infer<typeof Conflict>;

export const ConflictQuery = z.object({
  projectId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** `open`: not restored yet (the default); `all`: restored ones too. */
  state: z._default(z.enum(['open', 'all']), 'open'),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 100),
});
export type ConflictQuery = z.infer<typeof ConflictQuery>;

export const ConflictList = z.object({ conflicts: z.array(Conflict) });
export type ConflictList = z.infer<typeof ConflictList>;

export const RestoreResponse = z.object({
  conflict: Conflict,
  /** The record's server_seq after the restore: devices pull the restored value from there. */
  serverSeq: z.int(),
});
export type RestoreResponse = z.infer<typeof RestoreResponse>;
