import type { ReviewState } from './reviewTransitions';

/** The statuses that send a submission back to its agent: they must say what to correct. */
export const FLAG_STATUSES: readonly ReviewState[] = ['has_issues'];

export const FLAG_COMMENT_MESSAGE =
  'Flagging issues requires a comment (on the submission or on a question) that tells the agent what to correct';

/**
 * True when a review in `status` says nothing: flagging issues needs a comment, on the submission or on one
 * of its questions, or the agent is sent back with nothing to correct. Checked by the review form and by the
 * server (reviewRules.ts) against the review as it would stand after the write.
 */
export function lacksFlagComment(
  status: ReviewState | undefined,
  comment: string | null | undefined,
  fieldComments: Readonly<Record<string, string | null | undefined>>,
): boolean {
  if (!FLAG_STATUSES.includes(status ?? null) || status === null) return false;
  if ((comment ?? '').trim() !== '') return false;
  return !Object.values(fieldComments).some((text) => (text ?? '').trim() !== '');
}
