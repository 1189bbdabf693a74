import { pickText } from '../../../core/i18n/localized';
import type { IndicatorRow } from '../../../core/indicators/report';
import { useT } from '../../i18n/useT';
import { formatNumber, formatProgress } from './reportFormat';

/** The actual value with its source; when entered and computed values differ, both (neither is hidden). */
function Actual({ row }: { row: IndicatorRow }) {
  const { t, lang } = useT();
  if (row.actual === null || row.source === null) return <>—</>;
  const { computed, submissions, differ } = row.values;
  return (
    <>
      {formatNumber(row.actual, lang)}{' '}
      <span className="report-source">({t(`report.source.${row.source}`)})</span>
      {differ && computed !== null ? (
        <span className="report-differ">
          {t('report.computedFrom', { value: formatNumber(computed, lang), count: submissions })}
        </span>
      ) : null}
    </>
  );
}

/** One project's indicators; the header row repeats on every printed page (a `thead`). */
export function IndicatorTable({ rows }: { rows: readonly IndicatorRow[] }) {
  const { t, lang } = useT();
  return (
    <table className="report-table">
      <thead>
        <tr>
          <th scope="col">{t('report.col.code')}</th>
          <th scope="col">{t('report.col.indicator')}</th>
          <th scope="col">{t('report.col.baseline')}</th>
          <th scope="col">{t('report.col.target')}</th>
          <th scope="col">{t('report.col.actual')}</th>
          <th scope="col">{t('report.col.progress')}</th>
          <th scope="col">{t('report.col.status')}</th>
          <th scope="col">{t('report.col.verification')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.indicatorId}>
            <td className="code">{row.code}</td>
            <td>
              {pickText(row.title, lang)}
              {row.unit ? <span className="report-unit"> ({row.unit})</span> : null}
            </td>
            <td className="num">{row.baseline ? formatNumber(row.baseline.value, lang) : '—'}</td>
            <td className="num">{row.target ? formatNumber(row.target.value, lang) : '—'}</td>
            <td className="num">
              <Actual row={row} />
            </td>
            <td className="num">{row.progress === null ? '—' : formatProgress(row.progress, lang)}</td>
            <td>
              <span className={`badge report-status-${row.status}`}>{t(`report.status.${row.status}`)}</span>
            </td>
            <td>
              {row.verification ? t(`review.status.${row.verification}`) : t('report.verification.none')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
