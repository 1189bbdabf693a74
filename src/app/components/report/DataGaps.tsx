import type { IndicatorRow } from '../../../core/indicators/report';
import { useT } from '../../i18n/useT';
import { formatNumber } from './reportFormat';

/** The data gaps of one project's indicators, one plain sentence each, so a reader knows what to chase. */
export function DataGaps({ rows }: { rows: readonly IndicatorRow[] }) {
  const { t, lang } = useT();
  const items = rows.flatMap((row) =>
    row.gaps.map((gap) => ({
      key: `${row.indicatorId}:${gap}`,
      text: t(`report.gap.${gap}`, {
        code: row.code,
        manual: row.values.manual === null ? '—' : formatNumber(row.values.manual, lang),
        computed: row.values.computed === null ? '—' : formatNumber(row.values.computed, lang),
      }),
    })),
  );
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
