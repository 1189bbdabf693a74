import { lazy, Suspense, useState } from 'react';
import { pickText } from '../../core/i18n/localized';
import { DetailAbsent } from '../components/DetailAbsent';
import { IndicatorLinks } from '../components/edit/EditLinks';
import { mayReview } from '../../core/records/reviewTransitions';
import { hasRole } from '../../core/records/user';
import { IndicatorReviewForm } from '../components/IndicatorReviewForm';
import { IndicatorValueForm } from '../components/IndicatorValueForm';
import { LatestBadge } from '../components/LatestIndicatorValue';
import { indicatorRows } from '../components/indicatorRows';
import { ReviewBadge } from '../components/ReviewBadge';
import { ReviewHistory } from '../components/ReviewHistory';
import type { IndicatorValueRecord } from '../db/schema';
import { useIndicatorDetail } from '../hooks/useIndicatorDetail';
import { useReviewHistory } from '../hooks/useReviewHistory';
import { useSignedIn } from '../hooks/useSignedIn';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/coordinationStrings';
import '../styles/coordination.css';
import { days } from '../i18n/format';
import { useT } from '../i18n/useT';
import { hrefOf } from '../state/router';

// The chart is its own chunk: the table already says everything, the drawing may come a moment later.
const IndicatorChart = lazy(() =>
  import('../components/IndicatorChart').then((m) => ({ default: m.IndicatorChart })),
);

/**
 * `#/indicators/:id`: baseline, target and actual per period with each value's verification, as a table
 * and a chart. Focal points (and above) enter values by hand and review them.
 */
export function IndicatorDetail({ id }: { id: string }) {
  const { t, lang } = useT();
  const { session } = useSignedIn();
  const data = useIndicatorDetail(id);
  const [entering, setEntering] = useState<{ start: string; end: string } | null | false>(false);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const history = useReviewHistory('indicatorValues', data?.values.map((v) => v.id) ?? []);
  const canWrite = hasRole(session.user.role, 'focal_point');
  if (!data) return <DetailAbsent loading={data === undefined} notFound="ind.notFound" />;
  const { indicator, project, values, submissions } = data;
  const rows = indicatorRows(indicator, values, submissions);
  const number = (n: number | null) => (n === null ? t('proj.none') : n.toLocaleString(lang));
  const done = () => {
    setEntering(false);
    setReviewing(null);
    setSaved(true);
  };
  const reviewCell = (value: IndicatorValueRecord | undefined) => {
    if (!value || value.value === null) return null;
    const events = history?.filter((e) => e.targetId === value.id) ?? [];
    return (
      <>
        <ReviewBadge status={value.reviewStatus} />
        {value.reviewComment ? <span className="card-meta"> {value.reviewComment}</span> : null}
        {canWrite && mayReview(session.user.role, value.reviewStatus) ? (
          <button type="button" onClick={() => setReviewing(value.id)}>
            {t('ind.reviewThis')}
          </button>
        ) : null}
        {events.length > 0 ? (
          <details>
            <summary>{t('history.summary', { count: events.length })}</summary>
            <ReviewHistory entries={events} />
          </details>
        ) : null}
      </>
    );
  };
  const reviewed = values.find((v) => v.id === reviewing);
  return (
    <main id="main" className="page">
      <p>
        <a href={hrefOf({ name: 'project', id: indicator.projectId })}>
          {project ? pickText(project.title, lang) : t('ind.back')}
        </a>
      </p>
      <h1 id="ind-title">
        {indicator.code} — {pickText(indicator.title, lang)}
      </h1>
      <p className="lead">
        {indicator.unit ? t('ind.unit', { unit: indicator.unit }) : null}
        {indicator.unit ? ' · ' : null}
        {indicator.baseline
          ? t('ind.baseline', { value: number(indicator.baseline.value), year: indicator.baseline.year })
          : t('ind.noBaseline')}
      </p>
      <IndicatorLinks id={indicator.id} />
      {saved ? (
        <p className="alert alert-success" role="status">
          {t('ind.saved')}
        </p>
      ) : null}
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="ind-title">
        <table className="indicator-table">
          <thead>
            <tr>
              <th scope="col">{t('ind.period')}</th>
              <th scope="col">{t('ind.target')}</th>
              <th scope="col">{t('ind.actual')}</th>
              <th scope="col">{t('ind.review')}</th>
              {canWrite ? <th scope="col" /> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.periodStart}/${row.periodEnd}`}>
                <th scope="row">{days(row.periodStart, row.periodEnd, lang)}</th>
                <td>{number(row.target)}</td>
                <td>
                  {number(row.actual)}
                  {row.computed !== null ? (
                    <div className={row.differs ? 'card-meta value-differs' : 'card-meta'}>
                      {t(row.differs ? 'ind.computedDiffers' : 'ind.computed', {
                        value: number(row.computed),
                      })}
                    </div>
                  ) : null}
                  {row.categoryValues.map((v) => (
                    <div key={v.id} className="card-meta">
                      {Object.values(v.categories).join(', ')} : {number(v.value)} {reviewCell(v)}
                    </div>
                  ))}
                </td>
                <td>
                  {reviewCell(row.value) ?? (row.computedFrom > 0 ? <LatestBadge latest={row} /> : null)}
                </td>
                {canWrite ? (
                  <td>
                    <button
                      type="button"
                      onClick={() => setEntering({ start: row.periodStart, end: row.periodEnd })}
                    >
                      {t('ind.enterFor')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canWrite && entering === false && !reviewed ? (
        <p>
          <button type="button" onClick={() => setEntering(null)}>
            {t('ind.enter')}
          </button>
        </p>
      ) : null}
      {canWrite && entering !== false ? (
        <IndicatorValueForm
          key={entering ? `${entering.start}/${entering.end}` : 'new'}
          indicator={indicator}
          period={entering}
          onDone={done}
        />
      ) : null}
      {canWrite && reviewed ? <IndicatorReviewForm key={reviewed.id} value={reviewed} onDone={done} /> : null}
      <section aria-labelledby="ind-chart">
        <h2 id="ind-chart">{t('ind.chart')}</h2>
        <Suspense fallback={<p>{t('app.loading')}</p>}>
          <IndicatorChart
            rows={rows}
            baseline={indicator.baseline?.value ?? null}
            direction={indicator.direction}
          />
        </Suspense>
      </section>
    </main>
  );
}
