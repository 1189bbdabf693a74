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
 * `saveReview` (its own transaction: the review, its outbox mutation and its history event) after the same
 * check of the review state machine the review panel offers from (reviewMoves, read by reviewActions). One refused write stops the rest and throws; the ones
 * before it are saved, as if verified one by one.
 */
export async function verifyMany(
  db: TerrainDb,
  submissions: readonly { id: string; projectId: string }[],
  role: Role,
): Promise<VerifyOutcome> {
  const outcome: VerifyOutcome = { verified: 0, skipped: 0 };
  for (const submission of submissions) {
    const review = await db.reviews.get(submission.id);
    const current = review && !review.deleted ? review.status : null;
    if (current === 'verified' || !reviewMoves(role, current).includes('verified')) {
      outcome.skipped += 1;
      continue;
    }
    await saveReview(db, submission, { status: 'verified' });
    outcome.verified += 1;
  }
  return outcome;
}
