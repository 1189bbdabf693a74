import type { IndicatorRecord } from '../db/schema';
// Registers the strings it uses (they load with the coordination pages, not at start).
import '../i18n/coordinationStrings';
import { days } from '../i18n/format';
import { useT } from '../i18n/useT';
import type { IndicatorRow } from './indicatorRows';
import { ReviewBadge } from './ReviewBadge';

/**
 * An indicator's latest value as its page's table shows it: the one entered by hand, else the one computed
 * from submissions (said so), and the computed one beside an entered one that differs.
 */
export function LatestValue({
  indicator,
  latest,
}: {
  indicator: IndicatorRecord;
  latest: IndicatorRow | undefined;
}) {
  const { t, lang } = useT();
  if (!latest) return <span className="card-meta">{t('proj.noValue')}</span>;
  // At most two decimals, as the report writes them (an average of 8.5714… reads 8.57).
  const withUnit = (n: number) =>
    `${n.toLocaleString(lang, { maximumFractionDigits: 2 })} ${indicator.unit}`.trim();
  const period = days(latest.periodStart, latest.periodEnd, lang);
  if (latest.actual === null)
    return (
      <span className="card-meta">
        {t('proj.latestComputed', { value: withUnit(latest.computed ?? 0), period })}
      </span>
    );
  return (
    <>
      <span className="card-meta">{t('proj.latest', { value: withUnit(latest.actual), period })}</span>
      {latest.differs && latest.computed !== null ? (
        <span className="card-meta value-differs">
          {t('ind.computedDiffers', {
            value: latest.computed.toLocaleString(lang, { maximumFractionDigits: 2 }),
          })}
        </span>
      ) : null}
    </>
  );
}

/**
 * The verification of that value: the review of the value entered by hand; a computed value has none of
 * its own (nobody verified it), which the badge says rather than showing nothing.
 */
export function LatestBadge({ latest }: { latest: IndicatorRow | undefined }) {
  const { t } = useT();
  if (!latest) return null;
  if (latest.value && latest.actual !== null) return <ReviewBadge status={latest.value.reviewStatus} />;
  return <span className="badge badge-review-none">{t('proj.computedBadge')}</span>;
}
