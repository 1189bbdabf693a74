import type { Organisation } from '../records/organisation';
import type { PlannedDisbursement } from '../records/plannedDisbursement';
import type { Transaction } from '../records/transaction';
import type { ActivityPart } from './iatiActivityParts';
import { attrs, el, narrative, orgElement } from './iatiXml';
import { xsdDecimal } from './xml';

/**
 * An activity's money (docs/aid-flows.md): its planned disbursements and its transactions, IATI codes as
 * the records keep them. What they leave out, and why:
 * - a transaction names no sector nor recipient of its own. IATI takes sectors at one level only (activity
 *   or every transaction), and every exported activity has its DAC sectors; recipient country and region
 *   are the activity's too (IATI-Rulesets' only_one_of), and a transaction's region is free text anyway.
 * - a transaction dated (or valued) after the file's date is not a fact yet: IATI's rules refuse it.
 * - a planned disbursement ending before it starts (its two dates merge apart) is not a period.
 * - a provider or receiver that is no organisation of ours any more (deleted) is not named: IATI then takes
 *   the reporting organisation for it, as the schema says.
 */

/** `value`, with its currency only when the activity's default-currency does not already say it. */
function flowValue(value: number, currency: string, valueDate: string, activityCurrency: string): string {
  const currencyAttr = currency === activityCurrency ? undefined : currency;
  return `<value${attrs({ currency: currencyAttr, 'value-date': valueDate })}>${xsdDecimal(value)}</value>`;
}

function party(
  name: 'provider-org' | 'receiver-org',
  orgId: string | null,
  organisations: ReadonlyMap<string, Organisation>,
): string[] {
  const org = orgId === null ? undefined : organisations.get(orgId);
  return org ? [orgElement(name, org, {})] : [];
}

const byDateThenId =
  <T extends { id: string }>(date: (r: T) => string) =>
  (a: T, b: T) =>
    date(a).localeCompare(date(b)) || a.id.localeCompare(b.id);

/** The project's live transactions that are facts at `today`, by date. */
export function reportedTransactions(
  transactions: readonly Transaction[],
  projectId: string,
  today: string,
): Transaction[] {
  return transactions
    .filter((t) => t.projectId === projectId && !t.deleted && t.date <= today && t.valueDate <= today)
    .sort(byDateThenId((t) => t.date));
}

export const plannedDisbursements: ActivityPart = ({
  project,
  plannedDisbursements,
  organisations,
  currency,
}) =>
  plannedDisbursements
    .filter((p) => p.projectId === project.id && !p.deleted && p.periodStart <= p.periodEnd)
    .sort(byDateThenId((p: PlannedDisbursement) => p.periodStart))
    .map((p) =>
      el('planned-disbursement', { type: p.type }, [
        el('period-start', { 'iso-date': p.periodStart }),
        el('period-end', { 'iso-date': p.periodEnd }),
        flowValue(p.value, p.currency, p.valueDate, currency),
        ...party('provider-org', p.providerOrgId, organisations),
        ...party('receiver-org', p.receiverOrgId, organisations),
      ]),
    );

export const transactions: ActivityPart = ({ project, transactions, organisations, currency, today }) =>
  reportedTransactions(transactions, project.id, today).map((t) =>
    el('transaction', {}, [
      el('transaction-type', { code: t.type }),
      el('transaction-date', { 'iso-date': t.date }),
      flowValue(t.value, t.currency, t.valueDate, currency),
      ...(t.description.trim() === '' ? [] : [el('description', {}, [narrative(t.description)])]),
      ...party('provider-org', t.providerOrgId, organisations),
      ...party('receiver-org', t.receiverOrgId, organisations),
    ]),
  );
