import { useReview } from '../../hooks/useReview';
import '../../i18n/readingStrings';
import { useT } from '../../i18n/useT';
import type { Person } from '../../repositories/members';
import { personText } from '../personText';
import { ReviewBadge } from '../ReviewBadge';

/**
 * On a correction (a version that replaces another): the review of the version it replaces, when a reviewer
 * had flagged or rejected it, so whoever reads the correction sees what it answers.
 */
export function CorrectedReview({
  replaces,
  people,
}: {
  replaces: string;
  people: ReadonlyMap<string, Person>;
}) {
  const { t } = useT();
  const review = useReview(replaces);
  if (!review || review.deleted || (review.status !== 'has_issues' && review.status !== 'rejected'))
    return null;
  return (
    <div className="alert alert-warning corrected-review">
      <p>
        {t('read.corrects', { name: personText(review.reviewedBy, people, t) })}{' '}
        <ReviewBadge status={review.status} />
      </p>
      {review.comment.trim() ? <p>{t('read.correctsComment', { text: review.comment })}</p> : null}
    </div>
  );
}
