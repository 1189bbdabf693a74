import type { Mutation, MutationResult, RejectCode } from '../../core/sync/protocol';

export type Rejected = Extract<MutationResult, { status: 'rejected' }>;

/** The result of a refused mutation (kept by the server with its payload: see PushBatch.queueRejected). */
export function reject(m: Mutation, code: RejectCode, message: string, details?: unknown): Rejected {
  const result: Rejected = { mutationId: m.mutationId, seq: m.seq, status: 'rejected', code, message };
  if (details !== undefined) result.details = details;
  return result;
}
