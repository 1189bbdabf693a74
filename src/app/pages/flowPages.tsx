import { useState } from 'react';
import { rateBook, totalOf, totalsBy } from '../../core/flows/totals';
import { pickText } from '../../core/i18n/localized';
import { TRANSACTION_TYPES } from '../../core/records/transaction';
import { ConfirmPanel } from '../components/ConfirmPanel';
import { DetailAbsent } from '../components/DetailAbsent';
import { editRoute } from '../components/edit/EditLinks';
import { FlowForm } from '../components/flows/FlowForm';
import { FlowTotals, money, rateText } from '../components/flows/FlowTotals';
import { RatesImport } from '../components/flows/RatesImport';
import { orgLabel, TransactionCells, TransactionHeads } from '../components/flows/TransactionCells';
import { TransactionsImport } from '../components/flows/TransactionsImport';
import { useFinances, useRates } from '../hooks/useFinances';
import { useFlowActions } from '../hooks/useFlowActions';
import { useOrganisationList } from '../hooks/useOrganisationList';
import '../i18n/flowStrings';
import type { MessageKey } from '../i18n/types';
import { useT } from '../i18n/useT';
import type { FlowTable } from '../repositories/flows';
import type { MergedRow } from '../sync/mergedRows';
import { hrefOf } from '../state/router';
import '../styles/flows.css';

/**
 * The aid-flow pages of supervisors and admins (docs/aid-flows.md), one lazily loaded chunk reached from the
 * edit pages' routes (pages/Editor.tsx): a project's finances (`#/edit/projects/<id>/finances`) and the
 * exchange rates (`#/edit/rates`). Everything reads and writes the device's database: they work offline.
 */

/** What is being edited: a table, and the record (undefined: a new one). */
interface Editing {
  table: FlowTable;
  record: MergedRow | undefined;
}

/** A line's edit and delete buttons, and the delete's confirmation. */
function RowActions({
  table,
  record,
  label,
  onEdit,
}: {
  table: FlowTable;
  record: MergedRow;
  label: string;
  onEdit: () => void;
}) {
  const { t } = useT();
  const { remove } = useFlowActions();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" onClick={onEdit} aria-label={`${t('flows.edit')} ${label}`}>
        {t('flows.edit')}
      </button>{' '}
      <button
        type="button"
        className="button-danger-quiet"
        onClick={() => setConfirming(true)}
        aria-label={`${t('flows.delete')} ${label}`}
      >
        {t('flows.delete')}
      </button>
      {confirming ? (
        <ConfirmPanel
          question={t('flows.confirmDelete')}
          confirmLabel={t('flows.delete')}
          onConfirm={() => void remove(table, record).then(() => setConfirming(false))}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </>
  );
}

export function FinancesPage({ projectId }: { projectId: string }) {
  const { t, lang } = useT();
  const data = useFinances(projectId);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState(false);
  if (!data) return <DetailAbsent loading={data === undefined} notFound="proj.notFound" />;
  const { project, transactions, planned, rates, organisations } = data;
  const book = rateBook(rates);
  const byType = totalsBy(transactions, (tr) => tr.type, book);
  const typeLabel = (code: string) => `${code} — ${t(`flows.type.${code}` as MessageKey)}`;
  const totals = TRANSACTION_TYPES.flatMap((code) => {
    const found = byType.get(code);
    return found ? [{ label: typeLabel(code), totals: found }] : [];
  });
  const plannedTotals =
    planned.length > 0 ? [{ label: t('flows.totals.planned'), totals: totalOf(planned, book) }] : [];
  const edit = (table: FlowTable, record?: MergedRow) => {
    setSaved(false);
    setEditing({ table, record });
  };
  const form = (table: FlowTable, legend: string) =>
    editing?.table === table ? (
      <FlowForm
        key={editing.record?.id ?? 'new'}
        table={table}
        projectId={project.id}
        record={editing.record}
        organisations={organisations}
        legend={legend}
        onDone={() => {
          setEditing(null);
          setSaved(true);
        }}
      />
    ) : null;
  return (
    <main id="main" className="page">
      <p>
        <a href={hrefOf({ name: 'project', id: project.id })}>{t('flows.back')}</a>
      </p>
      <h1>
        {t('flows.title')} — {pickText(project.title, lang)}
      </h1>
      <p className="lead">{t('flows.intro')}</p>
      <p>
        <a href={hrefOf(editRoute('rates'))}>{t('flows.ratesLink')}</a>
      </p>
      {saved ? (
        <p className="alert alert-success" role="status">
          {t('flows.saved')}
        </p>
      ) : null}

      <section aria-labelledby="flows-totals">
        <h2 id="flows-totals">{t('flows.totals')}</h2>
        {totals.length + plannedTotals.length === 0 ? (
          <p className="empty">{t('flows.none')}</p>
        ) : (
          <FlowTotals caption={t('flows.totals')} rows={[...totals, ...plannedTotals]} />
        )}
      </section>

      <section aria-labelledby="flows-transactions">
        <h2 id="flows-transactions">{t('flows.transactions')}</h2>
        {editing?.table === 'transactions' ? null : (
          <button type="button" className="button-primary" onClick={() => edit('transactions')}>
            {t('flows.add')}
          </button>
        )}
        {form('transactions', editing?.record ? t('flows.edit') : t('flows.add'))}
        {transactions.length === 0 ? (
          <p className="empty">{t('flows.none')}</p>
        ) : (
          <div className="flow-scroll">
            <table className="flow-table">
              <caption className="visually-hidden">{t('flows.transactions')}</caption>
              <thead>
                <tr>
                  <TransactionHeads />
                  <th scope="col">{t('flows.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {transactions.map((tr) => (
                  <tr key={tr.id}>
                    <TransactionCells transaction={tr} organisations={organisations} />
                    <td>
                      <RowActions
                        table="transactions"
                        record={tr as MergedRow}
                        label={`${tr.date} ${money(tr.value, tr.currency, lang)}`}
                        onEdit={() => edit('transactions', tr as MergedRow)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <TransactionsImport projectId={project.id} organisations={organisations} />

      <section aria-labelledby="flows-planned">
        <h2 id="flows-planned">{t('flows.planned')}</h2>
        {editing?.table === 'plannedDisbursements' ? null : (
          <button type="button" onClick={() => edit('plannedDisbursements')}>
            {t('flows.addPlanned')}
          </button>
        )}
        {form('plannedDisbursements', editing?.record ? t('flows.edit') : t('flows.addPlanned'))}
        {planned.length === 0 ? (
          <p className="empty">{t('flows.none')}</p>
        ) : (
          <div className="flow-scroll">
            <table className="flow-table">
              <caption className="visually-hidden">{t('flows.planned')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('flows.col.period')}</th>
                  <th scope="col">{t('flows.col.type')}</th>
                  <th scope="col">{t('flows.col.value')}</th>
                  <th scope="col">{t('flows.col.provider')}</th>
                  <th scope="col">{t('flows.col.receiver')}</th>
                  <th scope="col">{t('flows.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {planned.map((pd) => (
                  <tr key={pd.id}>
                    <td>
                      {pd.periodStart} – {pd.periodEnd}
                    </td>
                    <td>{t(`flows.plannedType.${pd.type}`)}</td>
                    <td className="num">{money(pd.value, pd.currency, lang)}</td>
                    <td>{orgLabel(organisations, pd.providerOrgId)}</td>
                    <td>{orgLabel(organisations, pd.receiverOrgId)}</td>
                    <td>
                      <RowActions
                        table="plannedDisbursements"
                        record={pd as MergedRow}
                        label={`${pd.periodStart} ${money(pd.value, pd.currency, lang)}`}
                        onEdit={() => edit('plannedDisbursements', pd as MergedRow)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}

/** The monthly exchange rates to XOF, shared by every project. */
export function RatesPage() {
  const { t, lang } = useT();
  const rates = useRates();
  const organisations = useOrganisationList();
  const [editing, setEditing] = useState<Editing | null>(null);
  if (!rates || !organisations) return <DetailAbsent loading notFound="proj.notFound" />;
  return (
    <main id="main" className="page">
      <p>
        <a href={hrefOf({ name: 'projects' })}>{t('flows.rates.back')}</a>
      </p>
      <h1>{t('flows.rates.title')}</h1>
      <p className="lead">{t('flows.rates.intro')}</p>
      {editing ? (
        <FlowForm
          key={editing.record?.id ?? 'new'}
          table="exchangeRates"
          projectId=""
          record={editing.record}
          organisations={organisations}
          legend={t('flows.rates.add')}
          onDone={() => setEditing(null)}
        />
      ) : (
        <button
          type="button"
          className="button-primary"
          onClick={() => setEditing({ table: 'exchangeRates', record: undefined })}
        >
          {t('flows.rates.add')}
        </button>
      )}
      {rates.length === 0 ? (
        <p className="empty">{t('flows.rates.none')}</p>
      ) : (
        <table className="flow-table">
          <caption className="visually-hidden">{t('flows.rates.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('flows.rates.currency')}</th>
              <th scope="col">{t('flows.rates.month')}</th>
              <th scope="col">{t('flows.rates.xofPerUnit')}</th>
              <th scope="col">{t('flows.rates.source')}</th>
              <th scope="col">{t('flows.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rates.map((rate) => (
              <tr key={rate.id}>
                <td>{rate.currency}</td>
                <td>{rate.month}</td>
                <td className="num">{rateText(rate.xofPerUnit, lang)}</td>
                <td>{rate.source}</td>
                <td>
                  <RowActions
                    table="exchangeRates"
                    record={rate as MergedRow}
                    label={`${rate.currency} ${rate.month}`}
                    onEdit={() => setEditing({ table: 'exchangeRates', record: rate as MergedRow })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RatesImport />
    </main>
  );
}
