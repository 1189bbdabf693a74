import { useId, useRef, useState } from 'react';
import { lacksFlagComment } from '../../core/records/flagComment';
import type { ReviewStatus } from '../../core/records/review';
import { isDecision, type ReviewState } from '../../core/records/reviewTransitions';
import { hasRole, type Role } from '../../core/records/user';
import type { ReviewRecord } from '../db/schema';
import { useReview } from '../hooks/useReview';
import { useSaveReview } from '../hooks/useSaveReview';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/pageStrings';
import '../i18n/readingStrings';
import { useT } from '../i18n/useT';
import type { ReviewChange } from '../repositories/reviews';
import { usePeople } from '../hooks/usePeople';
import { personText } from './personText';
import { reviewActions } from './reviewActions';

const BADGE: Record<ReviewStatus, string> = {
  verified: 'badge-synced',
  approved: 'badge-synced',
  has_issues: 'badge-pending',
  rejected: 'badge-rejected',
};

/**
 * A submission's review: its status, comment and question comments for everyone who sees the submission;
 * for focal points a comment box and Verified / Has issues (supervisors and admins also approve or reject).
 * Only the moves the review state machine allows the user from the status shown are offered
 * (src/core/records/reviewTransitions.ts): on an approved or rejected review a focal point sees the decision
 * and its comment, read only, and a supervisor may change the decision or reopen the review.
 * Saved on the device at once and sent with the next sync; edits by several reviewers merge field by field.
 */
export function ReviewPanel({
  submission,
  role,
  questionLabel,
}: {
  submission: { id: string; projectId: string };
  role: Role;
  /** A question's label in the UI language, by its name (the name itself when the form is unknown). */
  questionLabel?: (name: string) => string;
}) {
  const review = useReview(submission.id);
  const save = useSaveReview();
  const people = usePeople();
  const { t } = useT();
  if (review === undefined) return null;
  return (
    <ReviewView
      review={review}
      role={role}
      onSave={(change) => save(submission, change)}
      questionLabel={questionLabel}
      reviewer={review?.reviewedBy ? personText(review.reviewedBy, people, t) : undefined}
    />
  );
}

/** The panel itself, for the review as shown (null: none yet); `onSave` writes a change. */
export function ReviewView({
  review,
  role,
  onSave,
  questionLabel = (name) => name,
  reviewer,
}: {
  review: ReviewRecord | null;
  role: Role;
  onSave: (change: ReviewChange) => Promise<void>;
  questionLabel?: ((name: string) => string) | undefined;
  /** Who set the status shown, by name and role. */
  reviewer?: string | undefined;
}) {
  const { t } = useT();
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Flagging issues without any comment: refused here as the server would (src/core/records/flagComment.ts).
  const [needsComment, setNeedsComment] = useState(false);
  const commentBox = useRef<HTMLTextAreaElement>(null);
  const ids = useId();
  const shown = review && !review.deleted ? review : null;
  const current: ReviewState = shown?.status ?? null;
  const { statuses, reopen, mayComment, any: canReview } = reviewActions(role, current);
  const comment = draft ?? shown?.comment ?? '';

  const setStatus = async (status: ReviewStatus | null) => {
    if (lacksFlagComment(status, comment, shown?.fieldComments ?? {})) {
      setNeedsComment(true);
      commentBox.current?.focus();
      return;
    }
    setNeedsComment(false);
    setBusy(true);
    setFailure(null);
    try {
      await onSave({ status, comment });
      setDraft(null);
    } catch (error) {
      setFailure(t('review.failed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('review.title')}</h2>
      <p>
        {shown?.status ? (
          <span className={`badge ${BADGE[shown.status]}`}>{t(`review.status.${shown.status}`)}</span>
        ) : (
          t('review.none')
        )}
        {shown?.status && reviewer ? <> {t('people.by', { name: reviewer })}</> : null}
      </p>
      {shown?.comment && !mayComment ? <p>{shown.comment}</p> : null}
      {isDecision(current) && hasRole(role, 'focal_point') && !mayComment ? (
        <p className="card-meta">{t('review.decided')}</p>
      ) : null}
      {shown && Object.keys(shown.fieldComments).length > 0 ? (
        <dl className="sent-fields">
          {Object.entries(shown.fieldComments).map(([name, text]) => (
            <div className="sent-field" key={name}>
              <dt>{questionLabel(name)}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {canReview ? (
        <div className="review-form">
          <label htmlFor={`${ids}-comment`}>{t('review.comment')}</label>
          <textarea
            id={`${ids}-comment`}
            ref={commentBox}
            value={comment}
            maxLength={2000}
            aria-invalid={needsComment || undefined}
            aria-describedby={needsComment ? `${ids}-needs-comment` : undefined}
            onChange={(event) => {
              setDraft(event.target.value);
              if (event.target.value.trim()) setNeedsComment(false);
            }}
          />
          {needsComment ? (
            <p className="field-error" id={`${ids}-needs-comment`} role="alert">
              {t('review.commentRequired')}
            </p>
          ) : null}
          <div className="card-actions">
            {statuses.map((status) => (
              <button
                key={status}
                type="button"
                className={status === shown?.status ? 'button-primary' : undefined}
                aria-pressed={status === shown?.status}
                disabled={busy}
                onClick={() => void setStatus(status)}
              >
                {t(`review.status.${status}`)}
              </button>
            ))}
            {reopen ? (
              <button type="button" disabled={busy} onClick={() => void setStatus(null)}>
                {t('review.reopen')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {failure ? (
        <p className="alert alert-error" role="alert">
          {failure}
        </p>
      ) : null}
    </section>
  );
}
