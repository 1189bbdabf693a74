import { useMemo } from 'react';
import { buildFlowReport } from '../../core/flows/report';
import { rateBook } from '../../core/flows/totals';
import { hasRole } from '../../core/records/user';
import { useProjectFunding } from '../hooks/useProjectFunding';
import { useSignedIn } from '../hooks/useSignedIn';
// Registers this summary's strings (they load with the project page).
import '../i18n/projectFundingStrings';
import { useT } from '../i18n/useT';
import { hrefOf } from '../state/router';
import '../styles/flows.css';
import { editRoute } from './edit/EditLinks';
import { money } from './flows/FlowTotals';

/**
 * "Funding" on a project's page: committed, disbursed and spent in XOF and USD and the disbursement rate,
 * as the aid-flow report counts them (core/flows/report.ts, the same totals and the same missing rates),
 * from the device's transactions and rates: it works offline. Those who may edit the finances (supervisors
 * and admins, as the server's rule for transactions) get a link to them.
 */
export function ProjectFunding({ projectId }: { projectId: string }) {
  const { t, lang } = useT();
  const { session } = useSignedIn();
  const data = useProjectFunding(projectId);
  const report = useMemo(
    () =>
      data && buildFlowReport({ transactions: data.transactions, projects: [], book: rateBook(data.rates) }),
    [data],
  );
  if (!report) return null;
  const { total, missing } = report;
  const shown = (value: number | null, currency: string) =>
    value === null ? `${t('funding.unknown')} ${currency}` : money(value, currency, lang);
  const lines = [
    ['funding.committed', total.committed],
    ['funding.disbursed', total.disbursed],
    ['funding.spent', total.spent],
  ] as const;
  const empty = lines.every(([, totals]) => totals.count === 0);
  return (
    <section aria-labelledby="proj-funding" className="project-funding">
      <h2 id="proj-funding">{t('funding.title')}</h2>
      {empty ? (
        <p>{t('funding.none')}</p>
      ) : (
        <>
          <div className="flow-scroll">
            <table className="flow-table">
              <caption className="visually-hidden">{t('funding.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('funding.what')}</th>
                  <th scope="col" className="num">
                    XOF
                  </th>
                  <th scope="col" className="num">
                    USD
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.map(([label, totals]) => (
                  <tr key={label}>
                    <th scope="row">{t(label)}</th>
                    <td className="num">{shown(totals.xof, 'XOF')}</td>
                    <td className="num">{shown(totals.usd, 'USD')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            {total.rate === null
              ? t('funding.noRate')
              : t('funding.rate', {
                  rate: new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(
                    total.rate,
                  ),
                })}
          </p>
          {missing.length > 0 ? (
            <p className="alert alert-warning">
              {t('funding.missing', { list: missing.map((r) => `${r.currency} ${r.month}`).join(', ') })}
            </p>
          ) : null}
        </>
      )}
      {hasRole(session.user.role, 'supervisor') ? (
        <p>
          <a href={hrefOf(editRoute('projects', projectId, 'finances'))}>{t('funding.edit')}</a>
        </p>
      ) : null}
    </section>
  );
}
