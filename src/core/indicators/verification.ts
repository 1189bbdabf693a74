import type { Period } from '../records/indicator';
import type { Review, ReviewStatus } from '../records/review';
import { dayOf, inPeriod } from './periods';

/**
 * How far the review of a project's submissions has gone in a period: the report's "verification status"
 * of the data itself, beside that of each indicator's value.
 */

/**
 * A submission as the report counts it. The caller gives current versions only (a corrected submission
 * counts once, as its latest version); the day it was finalized places it in a period.
 */
export interface ReceivedSubmission {
  id: string;
  projectId: string;
  finalizedAt: string;
}

/** What counting needs of a review (its id is the submission's). */
export type SubmissionReview = Pick<Review, 'submissionId' | 'status' | 'deleted'>;

export interface SubmissionCounts {
  /** Submissions finalized in the period; the five counts below add up to it. */
  received: number;
  verified: number;
  hasIssues: number;
  approved: number;
  rejected: number;
  /** No review, a withdrawn one, or one with comments but no status yet. */
  unreviewed: number;
  /** The earliest day of an unreviewed submission, and of one with issues: how long they have waited. */
  oldestUnreviewed: string | null;
  oldestFlagged: string | null;
}

/**
 * What about the submissions still needs someone, as the review queue sees it: submissions nobody
 * reviewed, and those a reviewer flagged with issues. A rejected one was decided: it is counted, not chased.
 */
export type SubmissionGap = 'submissions_unreviewed' | 'submissions_flagged';

export const emptyCounts = (): SubmissionCounts => ({
  received: 0,
  verified: 0,
  hasIssues: 0,
  approved: 0,
  rejected: 0,
  unreviewed: 0,
  oldestUnreviewed: null,
  oldestFlagged: null,
});

const earlier = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : a < b ? a : b;

/** The review status of each submission: a withdrawn (tombstoned) review is no review. */
export function reviewStatuses(reviews: readonly SubmissionReview[]): Map<string, ReviewStatus | null> {
  const statuses = new Map<string, ReviewStatus | null>();
  for (const review of reviews) {
    const status = review.deleted ? null : review.status;
    // One review per submission; should two rows name it, a status beats none.
    if (status !== null || !statuses.has(review.submissionId)) statuses.set(review.submissionId, status);
  }
  return statuses;
}

/**
 * The counts of each project's submissions finalized in `period` (by the day the finalization time states,
 * as dayOf reads it), each submission id once. Projects without one are absent.
 */
export function submissionCountsByProject(
  period: Period,
  submissions: readonly ReceivedSubmission[],
  reviews: readonly SubmissionReview[],
): Map<string, SubmissionCounts> {
  const statuses = reviewStatuses(reviews);
  const byProject = new Map<string, SubmissionCounts>();
  const seen = new Set<string>();
  for (const submission of submissions) {
    const day = dayOf(submission.finalizedAt);
    if (day === null || !inPeriod(period, day) || seen.has(submission.id)) continue;
    seen.add(submission.id);
    let counts = byProject.get(submission.projectId);
    if (!counts) byProject.set(submission.projectId, (counts = emptyCounts()));
    counts.received++;
    const status = statuses.get(submission.id) ?? null;
    if (status === 'verified') counts.verified++;
    else if (status === 'approved') counts.approved++;
    else if (status === 'rejected') counts.rejected++;
    else if (status === 'has_issues') {
      counts.hasIssues++;
      counts.oldestFlagged = earlier(counts.oldestFlagged, day);
    } else {
      counts.unreviewed++;
      counts.oldestUnreviewed = earlier(counts.oldestUnreviewed, day);
    }
  }
  return byProject;
}

/** The counts of several projects together. */
export function addCounts(list: readonly SubmissionCounts[]): SubmissionCounts {
  const total = emptyCounts();
  for (const c of list) {
    total.received += c.received;
    total.verified += c.verified;
    total.hasIssues += c.hasIssues;
    total.approved += c.approved;
    total.rejected += c.rejected;
    total.unreviewed += c.unreviewed;
    total.oldestUnreviewed = earlier(total.oldestUnreviewed, c.oldestUnreviewed);
    total.oldestFlagged = earlier(total.oldestFlagged, c.oldestFlagged);
  }
  return total;
}

export function submissionGaps(counts: SubmissionCounts): SubmissionGap[] {
  const gaps: SubmissionGap[] = [];
  if (counts.unreviewed > 0) gaps.push('submissions_unreviewed');
  if (counts.hasIssues > 0) gaps.push('submissions_flagged');
  return gaps;
}
