import type { IndicatorRow } from './indicatorRows';
import '../i18n/coordinationStrings';
import { useT } from '../i18n/useT';

const WIDTH = 320;
const HEIGHT = 160;
const PAD = 24;

/**
 * Target and actual per period as bars, drawn by hand in SVG: no chart library in a field agent's budget.
 * Loaded lazily by the indicator page. The table beside it holds the same numbers for screen readers.
 */
/** What a period achieved: the value entered by hand, else the one computed from submissions (as in reports). */
const achieved = (row: IndicatorRow): number | null => row.actual ?? row.computed;

export function IndicatorChart({
  rows,
  baseline,
}: {
  rows: readonly IndicatorRow[];
  baseline: number | null;
}) {
  const { t } = useT();
  const numbers = rows.flatMap((r) => [r.target ?? 0, achieved(r) ?? 0]).concat(baseline ?? 0);
  const max = Math.max(1, ...numbers);
  const slot = rows.length > 0 ? (WIDTH - PAD) / rows.length : 0;
  const bar = Math.max(2, slot / 3);
  const y = (value: number) => HEIGHT - PAD - ((HEIGHT - 2 * PAD) * value) / max;
  return (
    <figure className="indicator-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('ind.chartLabel')}>
        <line x1={PAD} y1={HEIGHT - PAD} x2={WIDTH} y2={HEIGHT - PAD} className="chart-axis" />
        {baseline !== null ? (
          <line x1={PAD} y1={y(baseline)} x2={WIDTH} y2={y(baseline)} className="chart-baseline" />
        ) : null}
        {rows.map((row, i) => {
          const x = PAD + i * slot + slot / 6;
          const actual = achieved(row);
          return (
            <g key={`${row.periodStart}/${row.periodEnd}`}>
              {row.target !== null ? (
                <rect
                  x={x}
                  y={y(row.target)}
                  width={bar}
                  height={HEIGHT - PAD - y(row.target)}
                  className="chart-target"
                />
              ) : null}
              {actual !== null ? (
                <rect
                  x={x + bar}
                  y={y(actual)}
                  width={bar}
                  height={HEIGHT - PAD - y(actual)}
                  className="chart-actual"
                />
              ) : null}
              <text x={x + bar} y={HEIGHT - 8} textAnchor="middle" className="chart-label">
                {row.periodEnd.slice(0, 7)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="chart-key chart-target" /> {t('ind.target')}{' '}
        <span className="chart-key chart-actual" /> {t('ind.actual')}
      </figcaption>
    </figure>
  );
}
