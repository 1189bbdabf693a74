import { Fragment } from 'react';
import { pickText } from '../../../core/i18n/localized';
import type { CategoryValue } from '../../../core/indicators/breakdown';
import type { IndicatorRow } from '../../../core/indicators/report';
// The review statuses' names (review.status.*) live with the submission pages' strings: a report opened
// first, before any of those pages, must have them too.
import '../../i18n/pageStrings';
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

/**
 * One category's value, compactly: « Femme 12 », and for a value entered by hand its source and review
 * (« Femme 5 (saisi, vérifiée ; calculé : 3) »). Computed values are marked once for the whole line.
 */
function categoryText(
  c: CategoryValue,
  t: ReturnType<typeof useT>['t'],
  lang: ReturnType<typeof useT>['lang'],
) {
  const value = c.actual === null ? '—' : formatNumber(c.actual, lang);
  const text = `${pickText(c.label, lang)} ${value}`;
  if (c.source !== 'manual') return text;
  const review = c.verification ? t(`review.status.${c.verification}`) : t('report.verification.none');
  const differ =
    c.values.differ && c.values.computed !== null
      ? t('report.breakdown.computed', { value: formatNumber(c.values.computed, lang) })
      : null;
  return `${text} (${[t('report.source.manual'), review, differ].filter(Boolean).join(', ')})`;
}

/** Under an indicator's line, its values per category of each disaggregation, one line each. */
function Breakdown({ row }: { row: IndicatorRow }) {
  const { t, lang } = useT();
  return (
    <tr className="report-breakdown">
      <td />
      <td colSpan={7}>
        {row.breakdown.map((d) => (
          <span key={d.name} className="report-breakdown-line">
            {t('report.breakdown.label', { label: pickText(d.label, lang) })}{' '}
            {d.categories.map((c) => categoryText(c, t, lang)).join(' · ')}
            {d.categories.some((c) => c.source === 'computed') ? (
              <span className="report-source"> ({t('report.source.computed')})</span>
            ) : null}
          </span>
        ))}
      </td>
    </tr>
  );
}

/**
 * One project's indicators; the header row repeats on every printed page (a `thead`). On a narrow screen the
 * table scrolls in a region named by `labelledBy` (the project's heading), which the keyboard can reach.
 */
export function IndicatorTable({ rows, labelledBy }: { rows: readonly IndicatorRow[]; labelledBy?: string }) {
  const { t, lang } = useT();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={labelledBy}>
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
            <Fragment key={row.indicatorId}>
              <tr>
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
                  <span className={`badge report-status-${row.status}`}>
                    {t(`report.status.${row.status}`)}
                  </span>
                </td>
                <td>
                  {row.verification ? t(`review.status.${row.verification}`) : t('report.verification.none')}
                </td>
              </tr>
              {row.breakdown.length > 0 ? <Breakdown row={row} /> : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
