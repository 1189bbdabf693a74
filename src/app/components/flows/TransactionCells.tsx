import type { TransactionRecord, OrganisationRecord } from '../../db/schema';
import type { MessageKey } from '../../i18n/types';
import { useT } from '../../i18n/useT';
import { money } from './FlowTotals';

type Shown = Pick<
  TransactionRecord,
  'date' | 'type' | 'value' | 'currency' | 'providerOrgId' | 'receiverOrgId' | 'description'
>;

/** An organisation by its acronym, else its name; the id itself when the device does not hold it. */
export const orgLabel = (organisations: readonly OrganisationRecord[], id: unknown) => {
  if (typeof id !== 'string') return '—';
  const org = organisations.find((o) => o.id === id);
  return org ? org.acronym || org.name : id;
};

/** The column heads of a transaction: the finances page's table and the CSV import's preview. */
export function TransactionHeads() {
  const { t } = useT();
  return (
    <>
      <th scope="col">{t('flows.col.date')}</th>
      <th scope="col">{t('flows.col.type')}</th>
      <th scope="col">{t('flows.col.value')}</th>
      <th scope="col">{t('flows.col.provider')}</th>
      <th scope="col">{t('flows.col.receiver')}</th>
      <th scope="col">{t('flows.col.description')}</th>
    </>
  );
}

/** A transaction's cells under TransactionHeads: its type by code and name ("3 — Décaissement"). */
export function TransactionCells({
  transaction: tr,
  organisations,
}: {
  transaction: Shown;
  organisations: readonly OrganisationRecord[];
}) {
  const { t, lang } = useT();
  return (
    <>
      <td className="date">{tr.date}</td>
      <td>
        {tr.type} — {t(`flows.type.${tr.type}` as MessageKey)}
      </td>
      <td className="num">{money(tr.value, tr.currency, lang)}</td>
      <td>{orgLabel(organisations, tr.providerOrgId)}</td>
      <td>{orgLabel(organisations, tr.receiverOrgId)}</td>
      <td>{tr.description}</td>
    </>
  );
}
