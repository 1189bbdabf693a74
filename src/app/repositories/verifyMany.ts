import { reviewMoves } from '../../core/records/reviewTransitions';
import type { Role } from '../../core/records/user';
import type { TerrainDb } from '../db/TerrainDb';
import { saveReview } from './reviews';

export interface VerifyOutcome {
  verified: number;
  /** Already verified, or a move the state machine does not offer this role (a supervisor's decision). */
  skipped: number;
}

/**
 * Marks these submissions verified, each exactly as a reviewer does it on the submission's page: the same
 * `saveReview` (the review, its outbox mutation and its history event) after the same check of the review
 * state machine the review panel offers from (reviewMoves, read by reviewActions). All in ONE transaction:
 * either every selected submission is verified, or, when one write fails (storage full, a refused change),
 * none is and the error is thrown; the outbox never holds half of the action.
 */
export async function verifyMany(
  db: TerrainDb,
  submissions: readonly { id: string; projectId: string }[],
  role: Role,
  now = new Date(),
): Promise<VerifyOutcome> {
  // saveReview's own transaction runs inside this one (same tables): its writes commit with the others.
  return db.transaction('rw', [db.reviews, db.reviewEvents, db.outbox, db.meta], async () => {
    const outcome: VerifyOutcome = { verified: 0, skipped: 0 };
    const reviews = await db.reviews.bulkGet(submissions.map((s) => s.id));
    for (const [i, submission] of submissions.entries()) {
      const review = reviews[i];
      const current = review && !review.deleted ? review.status : null;
      if (current === 'verified' || !reviewMoves(role, current).includes('verified')) {
        outcome.skipped += 1;
        continue;
      }
      await saveReview(db, submission, { status: 'verified' }, now);
      outcome.verified += 1;
    }
    return outcome;
  });
}
