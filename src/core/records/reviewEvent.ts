import { z } from 'zod/mini';
import { FieldName } from '../forms/definition';
import { ReviewComment, ReviewStatus } from './review';

/** The records a review event is about: a submission's review, or the review fields of an indicator value. */
export const REVIEW_TARGETS = ['submissions', 'indicatorValues'] as const;
export const ReviewTarget = z.enum(REVIEW_TARGETS);
export type ReviewTarget = z.infer<typeof ReviewTarget>;

const RecordId = z.string().check(z.minLength(1), z.maxLength(100));

/**
 * One review action, kept for the history (as ODK Central's submission activity or DHIS2's approval history):
 * what one reviewer changed at one moment. Written once, with a random id, and never changed: two reviewers
 * acting offline make two events, never a conflict. The review itself (src/core/records/review.ts, and an
 * indicator value's review fields) stays the merged current state; events say how it got there.
 */
export const ReviewEvent = z.object({
  id: RecordId,
  targetTable: ReviewTarget,
  targetId: RecordId,
  projectId: RecordId,
  /** The status this action set; null when it left the status as it was. */
  status: z.nullable(ReviewStatus),
  /** The comment as this action left it; null when it did not change the comment. */
  comment: z.nullable(ReviewComment),
  /** The question comments this action changed, by question name ('' when it removed one). */
  fieldComments: z.record(FieldName, ReviewComment),
  /** When the reviewer acted, by their device's clock (they may have been offline for days). */
  at: z.iso.datetime(),
  /** The reviewer's account and display name, stamped by the server (the device knows only its own user). */
  by: z.nullable(z.string()),
  byName: z.nullable(z.string()),
  /** Always false: an event is never withdrawn (every mergeable record has the field). */
  deleted: z.boolean(),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;
