/**
 * The queries of the purge (src/server/retention): what the retention periods remove. Counting and removing
 * use the same conditions, so a dry run says exactly what a run would do at the same moment.
 */
export interface RetentionOps {
  /** Refused changes stored before `before` whose payload is still whole. */
  countRejectedToExpire(before: string): Promise<number>;
  /** At most `limit` of them, oldest first. */
  rejectedToExpire(before: string, limit: number): Promise<{ mutationId: string; payload: unknown }[]>;
  /** Replaces a refused change's payload (by a summary with no content) and drops its details. */
  replaceRejectedPayload(mutationId: string, payload: unknown): Promise<void>;
  /** Sessions that expired, or were revoked, before `before`. */
  countEndedTokens(before: string): Promise<number>;
  deleteEndedTokens(before: string): Promise<number>;
  /**
   * Where the audit chain would start if the entries written before `before` went: the first entry kept
   * (never past the newest one), the hash it links back to, and how many entries come before it. Null
   * when nothing would go.
   */
  auditTrimPoint(before: string): Promise<{ firstKept: number; prevHash: string; removed: number } | null>;
  /** Deletes the audit entries before `firstKept`; returns how many. */
  trimAudit(firstKept: number): Promise<number>;
}
