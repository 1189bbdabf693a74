import type { Mutation } from '../../core/sync/protocol';
import { reject, type Rejected } from '../sync/reject';

/**
 * What a push of something about an erased submission is answered (src/server/sync: a device that was
 * offline during the erasure, or an export file imported after it): refused for good, never resurrected.
 * `details.reason` is `erased`, so the server keeps only a summary of the payload (PushBatch.queueRejected)
 * and the device knows; its next pull brings the erasure, which removes the change with the submission.
 */
export const ERASED = 'erased';

export function erasedRefusal(m: Mutation, submissionId: string, what: string): Rejected {
  return reject(
    m,
    'immutable',
    `Submission ${submissionId} was erased from the server at a person's request: ${what}`,
    { reason: ERASED, submissionId },
  );
}

/** Whether a refusal is about an erased submission (its payload must not be kept). */
export function isErasedRefusal(r: Rejected): boolean {
  const details = r.details as { reason?: unknown } | undefined;
  return details?.reason === ERASED;
}
