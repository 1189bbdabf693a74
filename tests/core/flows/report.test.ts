import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildFlowReport,
  FLOW_DIMENSIONS,
  MEASURE_OF_TYPE,
  type FlowRow,
} from '../../../src/core/flows/report';
import { rateBook } from '../../../src/core/flows/totals';
import { exchangeRateId, type ExchangeRate } from '../../../src/core/records/exchangeRate';
import { TRANSACTION_TYPES, type Transaction } from '../../../src/core/records/transaction';

const MONTHS = ['2025-12', '2026-01', '2026-02'] as const;

const transaction = fc
  .record({
    projectId: fc.constantFrom('p1', 'p2', 'p3'),
    type: fc.constantFrom(...TRANSACTION_TYPES),
    date: fc
      .tuple(fc.constantFrom(...MONTHS), fc.integer({ min: 1, max: 28 }))
      .map(([m, d]) => `${m}-${String(d).padStart(2, '0')}`),
    value: fc.integer({ min: -1e6, max: 1e8 }),
    currency: fc.constantFrom('XOF', 'EUR', 'USD'),
    providerOrgId: fc.constantFrom(null, 'o1', 'o2'),
    sector: fc.constantFrom(null, '12220', '14030'),
    region: fc.constantFrom('', 'ML07', ' Gao '),
    deleted: fc.boolean(),
  })
  .map(
    (
      t,
    ): Pick<
      Transaction,
      | 'projectId'
      | 'type'
      | 'date'
      | 'value'
      | 'currency'
      | 'valueDate'
      | 'providerOrgId'
      | 'sector'
      | 'region'
      | 'deleted'
    > => ({ ...t, valueDate: t.date }),
  );

const PROJECTS = [
  { id: 'p1', sectors: [{ code: '12220', percentage: 100 }], locations: [{ name: 'Gao', adm1: 'ML07' }] },
  {
    id: 'p2',
    sectors: [
      { code: '12220', percentage: 70 },
      { code: '31120', percentage: 30 },
    ],
    locations: [
      { name: 'Ansongo', adm1: 'ML07' },
      { name: 'Tombouctou', adm1: 'ML06' },
      { name: 'Ailleurs', adm1: null },
    ],
  },
  {
    id: 'p3',
    sectors: [],
    locations: [
      { name: 'Kayes', adm1: 'ML01' },
      { name: 'Kita', adm1: 'ML01' },
    ],
  },
];

/** EUR and USD rates of each month, each present or not. */
const rates = fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }).map((present) =>
  ['EUR', 'USD'].flatMap((currency, c) =>
    MONTHS.flatMap((month, m): ExchangeRate[] =>
      present[c * 3 + m]
        ? [
            {
              id: exchangeRateId(currency, month),
              currency,
              month,
              xofPerUnit: currency === 'EUR' ? 655.957 : 600,
              source: '',
              deleted: false,
            },
          ]
        : [],
    ),
  ),
);

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** The sum of a measure's XOF over rows: null if any is null (a missing rate is never zero). */
function sumOf(rows: FlowRow[], measure: 'committed' | 'disbursed' | 'spent', currency: 'xof' | 'usd') {
  let sum: number | null = 0;
  for (const row of rows) {
    const v = row[measure][currency];
    sum = sum === null || v === null ? null : sum + v;
  }
  return sum;
}

describe('reports of aid flows', () => {
  it('adds up the same over donors, sectors, regions and years as the grand total (split or whole)', () => {
    fc.assert(
      fc.property(fc.array(transaction, { maxLength: 40 }), rates, (transactions, rs) => {
        const report = buildFlowReport({ transactions, projects: PROJECTS, book: rateBook(rs) });
        for (const dimension of FLOW_DIMENSIONS) {
          const rows = report.by[dimension];
          for (const measure of ['committed', 'disbursed', 'spent'] as const) {
            // A transaction split between sectors or regions is counted in each of its groups.
            const counted = rows.reduce((n, r) => n + r[measure].count, 0);
            if (dimension === 'donor' || dimension === 'year')
              expect(counted).toBe(report.total[measure].count);
            else expect(counted).toBeGreaterThanOrEqual(report.total[measure].count);
            for (const currency of ['xof', 'usd'] as const) {
              const sum = sumOf(rows, measure, currency);
              const total = report.total[measure][currency];
              expect(sum === null).toBe(total === null);
              if (sum !== null && total !== null) expect(close(sum, total)).toBe(true);
            }
          }
        }
      }),
    );
  });

  it('never counts an amount whose rate is missing as zero', () => {
    fc.assert(
      fc.property(fc.array(transaction, { maxLength: 40 }), rates, (transactions, rs) => {
        const book = rateBook(rs);
        const report = buildFlowReport({ transactions, projects: PROJECTS, book });
        for (const t of transactions) {
          const measure = MEASURE_OF_TYPE[t.type];
          if (t.deleted || !measure || t.currency === 'XOF') continue;
          if (!book.has(exchangeRateId(t.currency, t.valueDate.slice(0, 7)))) {
            expect(report.total[measure].xof).toBeNull();
            expect(report.missing).toContainEqual({ currency: t.currency, month: t.valueDate.slice(0, 7) });
            const donor = report.by.donor.find((r) => r.key === t.providerOrgId)!;
            expect(donor[measure].xof).toBeNull();
          }
        }
      }),
    );
  });

  it('counts types 2 and 11 as committed, 3 as disbursed, 4 as spent, and gives the disbursement rate', () => {
    const base = {
      projectId: 'p1',
      currency: 'XOF',
      providerOrgId: 'o1',
      sector: null,
      region: '',
      deleted: false,
    };
    const at = (type: Transaction['type'], value: number, date = '2026-01-10') => ({
      ...base,
      type,
      value,
      date,
      valueDate: date,
    });
    const report = buildFlowReport({
      transactions: [
        at('2', 600),
        at('11', 400),
        at('3', 250),
        at('4', 100),
        at('1', 9999),
        at('12', 5),
        at('3', 10, '2025-12-01'),
      ],
      projects: PROJECTS,
      book: new Map(),
      year: '2026',
    });
    expect(report.total.committed.xof).toBe(1000);
    expect(report.total.disbursed.xof).toBe(250);
    expect(report.total.spent.xof).toBe(100);
    expect(report.total.rate).toBe(0.25);
    expect(report.years).toEqual(['2025', '2026']);
    // The project's only sector and region stand in for the transaction's.
    expect(report.by.sector.map((r) => r.key)).toEqual(['12220']);
    expect(report.by.region.map((r) => r.key)).toEqual(['ML07']);
    // XOF needs no rate, but its USD total needs the USD rate of the month, which is not there.
    expect(report.total.committed.usd).toBeNull();
    expect(report.missing).toEqual([{ currency: 'USD', month: '2026-01' }]);
  });

  it("splits a transaction naming no sector or region by its project's sector percentages and regions", () => {
    const t = {
      projectId: 'p2',
      type: '3' as const,
      date: '2026-01-10',
      valueDate: '2026-01-10',
      value: 1000,
      currency: 'EUR',
      providerOrgId: 'o1',
      sector: null,
      region: '',
      deleted: false,
    };
    const book = rateBook([
      {
        id: exchangeRateId('EUR', '2026-01'),
        currency: 'EUR',
        month: '2026-01',
        xofPerUnit: 655.957,
        source: '',
        deleted: false,
      },
    ]);
    const report = buildFlowReport({
      transactions: [t, { ...t, sector: '14030', region: 'Gao' }],
      projects: PROJECTS,
      book,
    });
    const xof = (rows: FlowRow[]): Record<string, number> =>
      Object.fromEntries(
        rows.map((r): [string, number] => [String(r.key), Math.round(r.disbursed.xof! * 1000) / 1000]),
      );
    expect(xof(report.by.sector)).toEqual({ '12220': 459169.9, '14030': 655957, '31120': 196787.1 });
    // Locations carry no percentages: the project's two regions take half each (the one with no region none).
    expect(xof(report.by.region)).toEqual({ Gao: 655957, ML06: 327978.5, ML07: 327978.5 });
    expect(report.by.donor).toHaveLength(1);
    expect(report.by.donor[0]!.disbursed.count).toBe(2);
    expect(report.by.sector.find((r) => r.key === '12220')!.disbursed.count).toBe(1);
  });

  it("puts a transaction whose region text names one of its project's places, or their region's code, in that region", () => {
    const t = {
      projectId: 'p2',
      type: '4' as const,
      date: '2026-01-10',
      valueDate: '2026-01-10',
      value: 10,
      currency: 'XOF',
      providerOrgId: null,
      sector: '14030',
      region: '',
      deleted: false,
    };
    const report = buildFlowReport({
      transactions: ['  TOMBOUCTOU ', 'ml07', 'ansongo', 'Gao'].map((region) => ({ ...t, region })),
      projects: PROJECTS,
      book: new Map(),
    });
    // "Gao" names no place of this project: it stays as typed.
    expect(report.by.region.map((r) => [r.key, r.spent.xof])).toEqual([
      ['Gao', 10],
      ['ML06', 10],
      ['ML07', 20],
    ]);
  });

  it('puts a transaction with no donor, or a sector its project does not settle, under unknown', () => {
    const t = {
      projectId: 'p3',
      type: '3' as const,
      date: '2026-01-10',
      valueDate: '2026-01-10',
      value: 5,
      currency: 'XOF',
      providerOrgId: null,
      sector: null,
      region: '',
      deleted: false,
    };
    const report = buildFlowReport({ transactions: [t], projects: PROJECTS, book: new Map() });
    expect(report.by.donor[0]!.key).toBeNull();
    expect(report.by.sector[0]!.key).toBeNull();
    expect(report.total.rate).toBeNull();
  });
});
