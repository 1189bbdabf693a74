import type { FlowDimension, FlowRow } from '../../../core/flows/report';
import type { Totals } from '../../../core/flows/totals';
import { useT } from '../../i18n/useT';

interface Props {
  dimension: FlowDimension;
  rows: readonly FlowRow[];
  total: FlowRow;
  labelOf: (row: FlowRow) => string;
  captionId: string;
}

/** One total in XOF and in USD; "unknown" when a rate it needs is missing (never a partial sum). */
function Amounts({ totals }: { totals: Totals }) {
  const { t, lang } = useT();
  const format = (value: number | null, currency: string) =>
    value === null
      ? `${t('flowReport.unknown')} ${currency}`
      : `${new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(value)} ${currency}`;
  return (
    <>
      <span className="flow-amount">{format(totals.xof, 'XOF')}</span>
      <span className="flow-amount flow-amount-usd">{format(totals.usd, 'USD')}</span>
    </>
  );
}

/** A dimension's table: what its chart draws, and the spent amounts and disbursement rates. */
export function FlowTable({ dimension, rows, total, labelOf, captionId }: Props) {
  const { t, lang } = useT();
  const rate = (value: number | null) =>
    value === null
      ? '—'
      : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(value);
  const line = (row: FlowRow, head: string, key: string) => (
    <tr key={key}>
      <th scope="row">{head}</th>
      <td className="num">
        <Amounts totals={row.committed} />
      </td>
      <td className="num">
        <Amounts totals={row.disbursed} />
      </td>
      <td className="num">
        <Amounts totals={row.spent} />
      </td>
      <td className="num">{rate(row.rate)}</td>
    </tr>
  );
  return (
    <div className="table-scroll">
      <table className="report-table flow-table" aria-labelledby={captionId}>
        <thead>
          <tr>
            <th scope="col">{t(`flowReport.col.${dimension}`)}</th>
            <th scope="col">{t('flowReport.col.committed')}</th>
            <th scope="col">{t('flowReport.col.disbursed')}</th>
            <th scope="col">{t('flowReport.col.spent')}</th>
            <th scope="col">{t('flowReport.col.rate')}</th>
          </tr>
        </thead>
        <tbody>{rows.map((row) => line(row, labelOf(row), row.key ?? ''))}</tbody>
        <tfoot>{line(total, t('flowReport.total'), 'total')}</tfoot>
      </table>
    </div>
  );
}
