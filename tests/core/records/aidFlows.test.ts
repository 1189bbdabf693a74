import { describe, expect, it } from 'vitest';
import { ExchangeRate } from '../../../src/core/records/exchangeRate';
import { PlannedDisbursement } from '../../../src/core/records/plannedDisbursement';
import { Transaction } from '../../../src/core/records/transaction';

const transaction: Transaction = {
  id: 't1',
  projectId: 'p1',
  type: '3',
  date: '2026-03-04',
  value: 1_000_000,
  currency: 'XOF',
  valueDate: '2026-03-04',
  providerOrgId: 'org-1',
  receiverOrgId: null,
  sector: '31120',
  region: 'Ségou',
  description: '',
  deleted: false,
};

/** The first message zod gives for `value` under `schema`, or null when it passes. */
function problem(schema: typeof Transaction | typeof PlannedDisbursement, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? '?');
}

describe('Transaction', () => {
  it('takes every IATI transaction type, and negative values (corrections)', () => {
    for (let type = 1; type <= 13; type++)
      expect(problem(Transaction, { ...transaction, type: String(type), value: -5 })).toBeNull();
  });

  it('refuses with a clear message what IATI would refuse', () => {
    expect(problem(Transaction, { ...transaction, type: '14' })).toMatch(/transaction type/);
    expect(problem(Transaction, { ...transaction, value: Infinity })).toMatch(/finite|number/);
    expect(problem(Transaction, { ...transaction, value: NaN })).toMatch(/number/);
    expect(problem(Transaction, { ...transaction, value: 1e16 })).toMatch(/too large/);
    expect(problem(Transaction, { ...transaction, currency: 'ABC' })).toMatch(/ISO 4217/);
    expect(problem(Transaction, { ...transaction, currency: 'xof' })).toMatch(/ISO 4217/);
    expect(problem(Transaction, { ...transaction, valueDate: '2026-02-30' })).toMatch(/calendar/);
    expect(problem(Transaction, { ...transaction, date: '04/03/2026' })).toMatch(/YYYY-MM-DD/);
    expect(problem(Transaction, { ...transaction, sector: '311' })).toMatch(/5 digits/);
  });
});

describe('PlannedDisbursement', () => {
  const planned: PlannedDisbursement = {
    id: 'pd1',
    projectId: 'p1',
    type: '1',
    periodStart: '2026-01-01',
    periodEnd: '2026-03-31',
    value: 10,
    currency: 'EUR',
    valueDate: '2026-01-01',
    providerOrgId: null,
    receiverOrgId: null,
    deleted: false,
  };
  it('is original or revised, never negative', () => {
    expect(problem(PlannedDisbursement, planned)).toBeNull();
    expect(problem(PlannedDisbursement, { ...planned, type: '3' })).toMatch(/original or 2 revised/);
    expect(problem(PlannedDisbursement, { ...planned, value: -1 })).toMatch(/negative/);
  });
});

describe('ExchangeRate', () => {
  const rate: ExchangeRate = {
    id: 'EUR:2026-03',
    currency: 'EUR',
    month: '2026-03',
    xofPerUnit: 655.957,
    source: 'BCEAO',
    deleted: false,
  };
  it('is a positive rate of a currency other than XOF for a month', () => {
    expect(ExchangeRate.safeParse(rate).success).toBe(true);
    for (const bad of [
      { xofPerUnit: 0 },
      { xofPerUnit: -1 },
      { currency: 'XOF' },
      { month: '2026-13' },
      { month: '2026-03-01' },
    ])
      expect(ExchangeRate.safeParse({ ...rate, ...bad }).success).toBe(false);
  });
});
