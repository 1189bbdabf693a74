import type { IndicatorRow } from '../../../core/indicators/report';
import type { SubmissionCounts, SubmissionGap } from '../../../core/indicators/verification';
import { useT } from '../../i18n/useT';
import { formatNumber } from './reportFormat';

/**
 * The data gaps of one project, one plain sentence each, so a reader knows what to chase: its indicators',
 * then its submissions not yet reviewed or flagged with issues (with how long the oldest has waited).
 */
export function DataGaps({
  rows,
  submissions,
  submissionGaps,
}: {
  rows: readonly IndicatorRow[];
  submissions: SubmissionCounts;
  submissionGaps: readonly SubmissionGap[];
}) {
  const { t, lang } = useT();
  const submissionItems = submissionGaps.map((gap) => ({
    key: gap,
    text:
      gap === 'submissions_unreviewed'
        ? t('report.gap.submissions_unreviewed', {
            count: submissions.unreviewed,
            since: submissions.oldestUnreviewed ?? '—',
          })
        : t('report.gap.submissions_flagged', {
            count: submissions.hasIssues,
            since: submissions.oldestFlagged ?? '—',
          }),
  }));
  const indicatorItems = rows.flatMap((row) =>
    row.gaps.map((gap) => ({
      key: `${row.indicatorId}:${gap}`,
      text: t(`report.gap.${gap}`, {
        code: row.code,
        manual: row.values.manual === null ? '—' : formatNumber(row.values.manual, lang),
        computed: row.values.computed === null ? '—' : formatNumber(row.values.computed, lang),
      }),
    })),
  );
  const items = [...indicatorItems, ...submissionItems];
  return (
    <div className="report-gaps">
      <h4>{t('report.gaps')}</h4>
      {items.length === 0 ? (
        <p>{t('report.noGaps')}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.key}>{item.text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
