import type { Totals } from '../../../core/flows/totals';
import type { UiLanguage } from '../../../core/i18n/uiLanguages';
import type { MessageKey } from '../../i18n/types';
import { useT } from '../../i18n/useT';

/** An amount as the interface language writes it, with its currency. */
export function money(value: number, currency: string, lang: UiLanguage): string {
  const digits = currency === 'XOF' ? 0 : 2;
  const text = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
  return `${text} ${currency}`;
}

/** A rate as the interface language writes it, to its last decimal (655,957). */
export function rateText(value: number, lang: UiLanguage): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 6 }).format(value);
}

/**
 * Totals by group (transaction type) in XOF and USD, with the rates they used and those missing: a total
 * whose rates are not all there says "unknown" rather than a wrong sum.
 */
export function FlowTotals({
  caption,
  rows,
}: {
  caption: string;
  rows: readonly { label: string; totals: Totals }[];
}) {
  const { t, lang } = useT();
  const shown = (value: number | null, currency: string) =>
    value === null ? t('flows.totals.unknown') : money(value, currency, lang);
  const keys = (list: readonly { currency: string; month: string }[]) =>
    [...new Set(list.map((r) => `${r.currency} ${r.month}`))].join(', ');
  const missing = rows.flatMap((r) => r.totals.missing);
  const used = rows.flatMap((r) => r.totals.used);
  const note = (key: MessageKey, list: string) =>
    list ? <p className="flow-note">{t(key, { list })}</p> : null;
  return (
    <>
      <table className="flow-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('flows.totals.type')}</th>
            <th scope="col">{t('flows.totals.count')}</th>
            <th scope="col">{t('flows.totals.xof')}</th>
            <th scope="col">{t('flows.totals.usd')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ label, totals }) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{totals.count}</td>
              <td className="num">{shown(totals.xof, 'XOF')}</td>
              <td className="num">{shown(totals.usd, 'USD')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {missing.length > 0 ? (
        <p className="alert alert-warning" role="status">
          {t('flows.totals.missing', { list: keys(missing) })}
        </p>
      ) : null}
      {note('flows.totals.used', keys(used))}
    </>
  );
}
