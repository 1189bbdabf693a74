import type { SubmissionCounts as Counts } from '../../../core/indicators/verification';
import { useT } from '../../i18n/useT';

/**
 * How far the review of the period's submissions has gone: received, then each review status. A list, so
 * the figures read apart on screen and in print.
 */
export function SubmissionCounts({ counts }: { counts: Counts }) {
  const { t } = useT();
  return (
    <div className="report-submissions">
      <h4>{t('report.submissions')}</h4>
      {counts.received === 0 ? (
        <p>{t('report.submissions.none')}</p>
      ) : (
        <p>
          {t('report.submissions.line', {
            received: counts.received,
            verified: counts.verified,
            hasIssues: counts.hasIssues,
            approved: counts.approved,
            rejected: counts.rejected,
            unreviewed: counts.unreviewed,
          })}
        </p>
      )}
    </div>
  );
}
