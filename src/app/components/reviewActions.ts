import { REVIEW_STATUSES, type ReviewStatus } from '../../core/records/review';
import {
  isDecision,
  mayMoveReview,
  reviewMoves,
  type ReviewState,
} from '../../core/records/reviewTransitions';
import { hasRole, type Role } from '../../core/records/user';

/** What a review panel offers `role` on a review in `current`, read from the state machine. */
export interface ReviewActions {
  /** The statuses offered, the current one included when the user may touch the review without moving it. */
  statuses: ReviewStatus[];
  /** A supervisor's "Reopen": back to not reviewed, from a decision. */
  reopen: boolean;
  /** The verdict's comment may be changed. */
  mayComment: boolean;
  /** Anything at all: otherwise the review is shown read only. */
  any: boolean;
}

/**
 * The review panels' actions (ReviewPanel, IndicatorReviewForm) from src/core/records/reviewTransitions.ts,
 * the table the server checks: a focal point on an approved or rejected review gets none, a supervisor
 * every status and Reopen.
 */
export function reviewActions(role: Role, current: ReviewState): ReviewActions {
  const moves = reviewMoves(role, current);
  const mayComment = hasRole(role, 'focal_point') && mayMoveReview(role, current, current);
  const statuses = REVIEW_STATUSES.filter((s) => moves.includes(s) || (s === current && mayComment));
  const reopen = isDecision(current) && moves.includes(null);
  return { statuses, reopen, mayComment, any: mayComment || moves.length > 0 };
}
