import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { progressTowards } from '../../core/indicators/report';
import type { Indicator } from '../../core/records/indicator';
import type { IndicatorRow } from './indicatorRows';
import '../i18n/coordinationStrings';
import { useT } from '../i18n/useT';

const WIDTH = 640;
const HEIGHT = 260;
/** Room for the value axis on the left and the period names under the bars. */
const LEFT = 56;
const BOTTOM = 44;
const TOP = 20;
const TICKS = 4;

/** What a period achieved: the value entered by hand, else the one computed from submissions (as in reports). */
const achieved = (row: IndicatorRow): number | null => row.actual ?? row.computed;

/** The top of the value axis: 1, 2, 2.5 or 5 times a power of ten, so that its ticks read well. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

/** "janv.–févr. 2026": the period under its bars, short enough for eight periods on a tablet. */
function periodShort(row: IndicatorRow, lang: UiLanguage): string {
  const month = (iso: string) =>
    new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  const start = month(row.periodStart);
  const end = month(row.periodEnd);
  return `${start === end ? start : `${start}–${end}`} ${row.periodEnd.slice(0, 4)}`;
}

/**
 * Target and actual per period as bars with a value axis, each bar's value and each period's name, drawn by
 * hand in SVG (no chart library in a field agent's budget), and the same numbers as a table with the
 * progress from the baseline towards the target, in the indicator's direction (core/indicators/report.ts):
 * a target below the baseline (fewer cases, less distance) counts a decrease as progress. Loaded lazily by the
 * indicator page.
 */
export function IndicatorChart({
  rows,
  baseline,
  direction,
}: {
  rows: readonly IndicatorRow[];
  baseline: number | null;
  direction: Indicator['direction'];
}) {
  const { t, lang } = useT();
  const number = (n: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(n);
  const percent = (n: number) =>
    new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(n);
  const numbers = rows.flatMap((r) => [r.target ?? 0, achieved(r) ?? 0]).concat(baseline ?? 0);
  const max = niceMax(Math.max(...numbers));
  const slot = rows.length > 0 ? (WIDTH - LEFT) / rows.length : 0;
  const bar = Math.min(48, Math.max(4, slot / 3));
  const base = HEIGHT - BOTTOM;
  const y = (value: number) => base - ((base - TOP) * Math.max(0, value)) / max;
  const ticks = Array.from({ length: TICKS + 1 }, (_, i) => (max * i) / TICKS);
  return (
    <figure className="indicator-chart">
      <figcaption id="ind-chart-caption">{t('ind.chartLabel')}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="ind-chart-caption">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={LEFT} y1={y(tick)} x2={WIDTH} y2={y(tick)} className="chart-grid" />
            <text x={LEFT - 6} y={y(tick) + 4} textAnchor="end" className="chart-label">
              {number(tick)}
            </text>
          </g>
        ))}
        <line x1={LEFT} y1={TOP} x2={LEFT} y2={base} className="chart-axis" />
        <line x1={LEFT} y1={base} x2={WIDTH} y2={base} className="chart-axis" />
        {baseline !== null ? (
          <g>
            <line x1={LEFT} y1={y(baseline)} x2={WIDTH} y2={y(baseline)} className="chart-baseline" />
            <text x={WIDTH - 4} y={y(baseline) - 4} textAnchor="end" className="chart-label">
              {t('ind.chartBaseline', { value: number(baseline) })}
            </text>
          </g>
        ) : null}
        {rows.map((row, i) => {
          const x = LEFT + i * slot + (slot - 2 * bar) / 2;
          const actual = achieved(row);
          const bars: [number | null, string, number][] = [
            [row.target, 'chart-target', x],
            [actual, 'chart-actual', x + bar],
          ];
          return (
            <g key={`${row.periodStart}/${row.periodEnd}`}>
              {bars.map(([value, className, left]) =>
                value === null ? null : (
                  <g key={className}>
                    <rect
                      x={left}
                      y={y(value)}
                      width={bar - 2}
                      height={base - y(value)}
                      className={className}
                    />
                    <text x={left + bar / 2 - 1} y={y(value) - 4} textAnchor="middle" className="chart-value">
                      {number(value)}
                    </text>
                  </g>
                ),
              )}
              <text x={x + bar} y={base + 18} textAnchor="middle" className="chart-label">
                {periodShort(row, lang)}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="chart-keys" aria-hidden="true">
        <span className="chart-key chart-target" /> {t('ind.target')}{' '}
        <span className="chart-key chart-actual" /> {t('ind.actual')}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="ind-chart-table">
        <table className="indicator-table">
          <caption id="ind-chart-table">{t('ind.chartTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ind.period')}</th>
              <th scope="col">{t('ind.target')}</th>
              <th scope="col">{t('ind.actual')}</th>
              <th scope="col">{t('ind.progress')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const actual = achieved(row);
              const progress =
                actual === null || row.target === null
                  ? null
                  : progressTowards(direction, baseline ?? 0, row.target, actual);
              return (
                <tr key={`${row.periodStart}/${row.periodEnd}`}>
                  <th scope="row">{periodShort(row, lang)}</th>
                  <td className="num">{row.target === null ? '—' : number(row.target)}</td>
                  <td className="num">{actual === null ? '—' : number(actual)}</td>
                  <td className="num">{progress === null ? '—' : percent(progress)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
