import { exchangeRateId, type ExchangeRate } from '../../core/records/exchangeRate';
import type { PlannedDisbursement } from '../../core/records/plannedDisbursement';
import type { Transaction } from '../../core/records/transaction';
import type { SampleProject } from './sampleCoordination';

/**
 * The aid flows of the demo (docs/aid-flows.md): for each sample project a commitment from its funder,
 * three disbursements and the implementer's expenditures (one corrected by a negative expenditure), in the
 * project's currency or XOF, quarterly planned disbursements (one revised), and the exchange rates of
 * every month they use. Illustrative figures, of the order of the projects' budgets.
 */

/** The currency each sample project is funded in, by its place in SAMPLE_PROJECTS. */
const CURRENCIES = ['XOF', 'USD', 'EUR', 'EUR'] as const;

/** XOF per USD, January to October 2026 (illustrative); EUR is the CFA franc's fixed parity. */
const USD_RATES = [603.1, 598.4, 606.2, 611.8, 607.5, 601.9, 596.3, 592.7, 598.8, 604.4];
export const EUR_PARITY = 655.957;

export const SAMPLE_RATES: ExchangeRate[] = USD_RATES.flatMap((usd, i) => {
  const month = `2026-${String(i + 1).padStart(2, '0')}`;
  return [
    { currency: 'EUR', xofPerUnit: EUR_PARITY, source: 'BCEAO (parité fixe)' },
    { currency: 'USD', xofPerUnit: usd, source: 'BCEAO, cours moyen du mois' },
  ].map((r) => ({ ...r, id: exchangeRateId(r.currency, month), month, deleted: false }));
});

const XOF_PER: Record<string, number> = { XOF: 1, USD: 600, EUR: EUR_PARITY };

/** The sample project's transactions and planned disbursements. */
export function sampleFlows(
  sample: SampleProject,
  index: number,
): { transactions: Transaction[]; planned: PlannedDisbursement[] } {
  const project = sample.project;
  const orgs = project.participatingOrgs ?? [];
  const reporting = project.organisationId ?? null;
  const funder = orgs.find((o) => o.role === '1')?.organisationId ?? reporting;
  const implementer = orgs.find((o) => o.role === '4')?.organisationId ?? reporting;
  const currency = CURRENCIES[index % CURRENCIES.length]!;
  const budgetXof = project.budgets?.[0]?.value ?? 100_000_000;
  // The commitment in the funder's currency, rounded to a thousand.
  const committed = Math.round(budgetXof / XOF_PER[currency]! / 1000) * 1000;
  const region = project.locations?.[0]?.name ?? '';
  const sector = project.sectors?.[0]?.code ?? null;
  const base = {
    projectId: project.id,
    sector,
    region,
    deleted: false,
  };
  const flow = (
    n: number,
    type: Transaction['type'],
    date: string,
    value: number,
    cur: string,
    description: string,
    provider = funder,
    receiver = implementer,
  ): Transaction => ({
    ...base,
    id: `${project.id}-tr-${n}`,
    type,
    date,
    value,
    currency: cur,
    valueDate: date,
    providerOrgId: provider,
    receiverOrgId: receiver,
    description,
  });
  const tranche = Math.round((committed * 0.3) / 1000) * 1000;
  // Expenditures are the implementer's, in XOF, paid out of the tranches received.
  const spent = (share: number) => Math.round((budgetXof * share) / 10_000) * 10_000;
  const transactions = [
    flow(1, '2', '2026-01-20', committed, currency, 'Engagement de l’accord de financement 2026'),
    flow(2, '3', '2026-02-10', tranche, currency, 'Premier décaissement'),
    flow(3, '3', '2026-05-12', tranche, currency, 'Deuxième décaissement'),
    flow(4, '3', '2026-08-18', tranche, currency, 'Troisième décaissement'),
    flow(5, '4', '2026-03-27', spent(0.18), 'XOF', 'Dépenses du trimestre 1', implementer, null),
    flow(6, '4', '2026-06-26', spent(0.22), 'XOF', 'Dépenses du trimestre 2', implementer, null),
    flow(7, '4', '2026-09-25', spent(0.2), 'XOF', 'Dépenses du trimestre 3', implementer, null),
    flow(
      8,
      '4',
      '2026-09-30',
      -spent(0.01),
      'XOF',
      'Correction : facture comptée deux fois',
      implementer,
      null,
    ),
  ];
  const quarters = [
    ['2026-01-01', '2026-03-31'],
    ['2026-04-01', '2026-06-30'],
    ['2026-07-01', '2026-09-30'],
    ['2026-10-01', '2026-12-31'],
  ] as const;
  const planned = quarters.map(([start, end], q): PlannedDisbursement => ({
    id: `${project.id}-pd-${q + 1}`,
    projectId: project.id,
    // The last quarter was revised down in September.
    type: q === 3 ? '2' : '1',
    periodStart: start,
    periodEnd: end,
    value: Math.round((committed * (q === 3 ? 0.08 : 0.25)) / 1000) * 1000,
    currency,
    valueDate: start,
    providerOrgId: funder,
    receiverOrgId: implementer,
    deleted: false,
  }));
  return { transactions, planned };
}
