import type { ReviewStatus } from '../../core/records/review';
import '../i18n/coordinationStrings';
import '../styles/coordination.css';
import '../i18n/pageStrings';
import { useT } from '../i18n/useT';

/** The review status of a submission or an indicator value, as a badge on every list. */
export function ReviewBadge({ status }: { status: ReviewStatus | null }) {
  const { t } = useT();
  return (
    <span className={`badge badge-review-${status ?? 'none'}`}>
      {status ? t(`review.status.${status}`) : t('queue.unreviewed')}
    </span>
  );
}
