import type { ReviewStatus } from './review';
import { hasRole, type Role } from './user';

/**
 * The review state machine: who may move a review from which status to which. ONE table, read by the
 * server's rules (src/core/sync/reviewRules.ts, through mergeTables.ts) and by the device's review panels,
 * which offer only the moves it allows. It applies alike to a submission's review (`reviews.status`), to an
 * indicator value's review (`indicatorValues.reviewStatus`) and to the history events of both.
 *
 * The rules, and why:
 * - Focal points check the data: from "not reviewed" (none), verified or has_issues they may move to none,
 *   verified or has_issues. They never approve or reject.
 * - Supervisors (and admins) decide: any status to approved or rejected.
 * - A decision (approved, rejected) is the supervisor's: only a supervisor moves a review out of it. That is
 *   "reopening": a supervisor moves approved or rejected back to none (review starts again) or to has_issues
 *   / verified; or changes the decision (approved ⇄ rejected). A focal point's offline "verified" that
 *   reaches the server after the approval is therefore refused, not merged: last-writer-wins between
 *   clocks only ever chooses between moves that were allowed (the rule reads the status stored when the
 *   change arrives).
 * - The diagonal (from X to X) says who may touch a review in X without moving it: its verdict comment
 *   (`comment`, `reviewComment`) belongs with the decision, so on an approved or rejected review only a
 *   supervisor changes it, as DHIS2 locks approved data until it is unapproved. Question comments
 *   (`fieldComments`) stay open to focal points on every review: like ODK Central's comments, they are notes
 *   added to a submission whatever its review state, merge entry by entry and are kept in the history.
 * - Agents never review.
 */

/** A review's status as the table reads it: null is "not reviewed". */
export type ReviewState = ReviewStatus | null;
/** The table's keys (an object cannot be keyed by null). */
export type ReviewStateKey = ReviewStatus | 'none';

const F: Role = 'focal_point';
const S: Role = 'supervisor';

/** from → to → the least role allowed to make that move. */
export const REVIEW_TRANSITIONS: Readonly<Record<ReviewStateKey, Readonly<Record<ReviewStateKey, Role>>>> = {
  none: { none: F, verified: F, has_issues: F, approved: S, rejected: S },
  verified: { none: F, verified: F, has_issues: F, approved: S, rejected: S },
  has_issues: { none: F, verified: F, has_issues: F, approved: S, rejected: S },
  approved: { none: S, verified: S, has_issues: S, approved: S, rejected: S },
  rejected: { none: S, verified: S, has_issues: S, approved: S, rejected: S },
};

export const keyOfState = (state: ReviewState): ReviewStateKey => state ?? 'none';

/** The least role that may move a review from `from` to `to` (to `from` itself: touch its verdict). */
export function leastRoleToMove(from: ReviewState, to: ReviewState): Role {
  return REVIEW_TRANSITIONS[keyOfState(from)][keyOfState(to)];
}

export function mayMoveReview(role: Role, from: ReviewState, to: ReviewState): boolean {
  return hasRole(role, leastRoleToMove(from, to));
}

/** A supervisor's decision: only a supervisor moves a review out of it. */
export function isDecision(state: ReviewState): boolean {
  return state === 'approved' || state === 'rejected';
}

const ORDER: readonly ReviewState[] = [null, 'verified', 'has_issues', 'approved', 'rejected'];

/** The statuses `role` may move a review in `from` to, `from` excluded (what a panel offers). */
export function reviewMoves(role: Role, from: ReviewState): ReviewState[] {
  return ORDER.filter((to) => to !== from && mayMoveReview(role, from, to));
}

/**
 * Data entered by hand (an indicator value's figure) is locked while approved: whoever may not reopen the
 * approval may not change it either (DHIS2's rule). A rejected value stays open to correction: that is what
 * the rejection asks for; its status stays rejected until a supervisor decides again.
 */
export function dataLocked(role: Role, state: ReviewState): boolean {
  return state === 'approved' && !mayMoveReview(role, state, state);
}

/** Whether a review panel has anything to offer `role` on a review in `state` (a move, or its comment). */
export function mayReview(role: Role, state: ReviewState): boolean {
  return mayMoveReview(role, state, state) || reviewMoves(role, state).length > 0;
}
