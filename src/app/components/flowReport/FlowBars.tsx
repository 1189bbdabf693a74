import type { FlowRow } from '../../../core/flows/report';

interface Props {
  rows: readonly FlowRow[];
  labelOf: (row: FlowRow) => string;
  /** Says what the chart shows and that its figures are in the table beside it. */
  label: string;
}

const ROW = 34;
const LABEL = 170;
const WIDTH = 640;
/** A label that fits left of the bars (the table beside the chart gives it whole). */
const short = (label: string) => (label.length > 24 ? `${label.slice(0, 23)}…` : label);

/**
 * Committed (outlined) and disbursed (filled) in XOF, one pair of bars per row, drawn as inline SVG (no
 * chart library). A row whose total is unknown (a missing rate) or negative draws no bar: the table says why.
 */
export function FlowBars({ rows, labelOf, label }: Props) {
  const values = rows.flatMap((r) => [r.committed.xof ?? 0, r.disbursed.xof ?? 0]);
  const max = Math.max(1, ...values);
  const scale = (value: number | null) => (value && value > 0 ? ((WIDTH - LABEL - 10) * value) / max : 0);
  return (
    <svg
      className="flow-bars"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${WIDTH} ${rows.length * ROW + 4}`}
      preserveAspectRatio="xMinYMin meet"
    >
      {rows.map((row, i) => {
        const y = i * ROW + 2;
        return (
          <g key={row.key ?? ''}>
            <text x={0} y={y + ROW / 2} dominantBaseline="middle" className="flow-bars-label">
              {short(labelOf(row))}
            </text>
            <rect
              x={LABEL}
              y={y + 2}
              width={scale(row.committed.xof)}
              height={13}
              className="flow-bar-committed"
            />
            <rect
              x={LABEL}
              y={y + 17}
              width={scale(row.disbursed.xof)}
              height={13}
              className="flow-bar-disbursed"
            />
          </g>
        );
      })}
    </svg>
  );
}
