import { z } from 'zod/mini';
import { FieldName } from '../forms/definition';

/**
 * A review of a submission by the project's focal points and supervisors. There is ONE review per submission
 * (its id is the submission's), shared by every reviewer: two focal points reviewing offline edit the same
 * record, and their changes merge field by field (src/core/sync/mergeTables.ts) instead of making two reviews.
 */
export const REVIEW_STATUSES = ['verified', 'has_issues', 'approved', 'rejected'] as const;
export const ReviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

/** What a focal point may set; approving and rejecting is for supervisors and admins. */
export const FOCAL_POINT_STATUSES: readonly ReviewStatus[] = ['verified', 'has_issues'];

const RecordId = z.string().check(z.minLength(1), z.maxLength(100));
export const ReviewComment = z.string().check(z.maxLength(2000));

export const Review = z.object({
  /** The submission's id. */
  id: RecordId,
  submissionId: RecordId,
  projectId: RecordId,
  /** Null until someone sets it (a review may start with comments only). */
  status: z.nullable(ReviewStatus),
  comment: ReviewComment,
  /** One comment per question of the form, by the question's name. */
  fieldComments: z.record(FieldName, ReviewComment),
  /** Who set the current status (stamped by the server with the writer's account). */
  reviewedBy: z.nullable(z.string()),
  /** A tombstone: the review was withdrawn. It stays, with its fields, so a later edit or restore merges. */
  deleted: z.boolean(),
});
export type Review = z.infer<typeof Review>;
