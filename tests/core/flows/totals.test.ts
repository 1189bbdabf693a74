import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rateBook, totalOf, totalsBy, type Money } from '../../../src/core/flows/totals';
import { exchangeRateId, type ExchangeRate } from '../../../src/core/records/exchangeRate';

const CURRENCIES = ['XOF', 'EUR', 'USD', 'GBP'] as const;
const MONTHS = ['2026-01', '2026-02', '2026-03'] as const;

const money = fc.record({
  value: fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
  currency: fc.constantFrom(...CURRENCIES),
  valueDate: fc
    .tuple(fc.constantFrom(...MONTHS), fc.integer({ min: 1, max: 28 }))
    .map(([month, day]) => `${month}-${String(day).padStart(2, '0')}`),
});

/** Some of the rates of every non-base currency and month, each present or not. */
const rates = fc
  .array(
    fc.record({
      present: fc.boolean(),
      xofPerUnit: fc.double({ min: 0.001, max: 10_000, noNaN: true }),
      deleted: fc.boolean(),
    }),
    { minLength: 9, maxLength: 9 },
  )
  .map((picks) =>
    ['EUR', 'USD', 'GBP'].flatMap((currency, c) =>
      MONTHS.flatMap((month, m): ExchangeRate[] => {
        const pick = picks[c * 3 + m]!;
        if (!pick.present) return [];
        const id = exchangeRateId(currency, month);
        return [{ id, currency, month, xofPerUnit: pick.xofPerUnit, source: '', deleted: pick.deleted }];
      }),
    ),
  );

/** The rate by the book's definition, written out apart from the code under test. */
function lookup(all: ExchangeRate[], currency: string, month: string): number | undefined {
  if (currency === 'XOF') return 1;
  return all.find((r) => r.currency === currency && r.month === month && !r.deleted)?.xofPerUnit;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('totalOf', () => {
  it('is the sum of the converted amounts when every rate is there, and null with the missing rates named when not', () => {
    fc.assert(
      fc.property(fc.array(money, { maxLength: 30 }), rates, (amounts, all) => {
        const totals = totalOf(amounts, rateBook(all));
        let xof: number | null = 0;
        let usd: number | null = 0;
        const needed = new Set<string>();
        for (const a of amounts) {
          const month = a.valueDate.slice(0, 7);
          const own = lookup(all, a.currency, month);
          const dollar = lookup(all, 'USD', month);
          if (a.currency !== 'XOF') needed.add(exchangeRateId(a.currency, month));
          if (a.currency !== 'USD') needed.add(exchangeRateId('USD', month));
          xof = xof === null || own === undefined ? null : xof + a.value * own;
          if (a.currency === 'USD') usd = usd === null ? null : usd + a.value;
          else
            usd =
              usd === null || own === undefined || dollar === undefined
                ? null
                : usd + (a.value * own) / dollar;
        }
        expect(totals.count).toBe(amounts.length);
        if (xof === null) expect(totals.xof).toBeNull();
        else expect(close(totals.xof ?? NaN, xof)).toBe(true);
        if (usd === null) expect(totals.usd).toBeNull();
        else expect(close(totals.usd ?? NaN, usd)).toBe(true);
        // Every rate needed is either used or reported missing, never both, never neither.
        const used = totals.used.map((r) => exchangeRateId(r.currency, r.month));
        const missing = totals.missing.map((r) => exchangeRateId(r.currency, r.month));
        expect([...used, ...missing].sort()).toEqual([...needed].sort());
        for (const key of missing)
          expect(lookup(all, ...(key.split(':') as [string, string]))).toBeUndefined();
        for (const r of totals.used) expect(r.xofPerUnit).toBe(lookup(all, r.currency, r.month));
        // A total is known exactly when none of the rates it needs is missing.
        if (totals.missing.length === 0) {
          expect(totals.xof).not.toBeNull();
          expect(totals.usd).not.toBeNull();
        } else {
          // (a USD amount needs the USD rate for XOF only: its USD total stays known)
          expect(totals.xof === null || totals.usd === null).toBe(true);
        }
      }),
    );
  });

  it('adds up: the total of two lists is the sum of their totals', () => {
    fc.assert(
      fc.property(
        fc.array(money, { maxLength: 15 }),
        fc.array(money, { maxLength: 15 }),
        rates,
        (a, b, all) => {
          const book = rateBook(all);
          const [ta, tb, both] = [totalOf(a, book), totalOf(b, book), totalOf([...a, ...b], book)];
          if (ta.xof === null || tb.xof === null) expect(both.xof).toBeNull();
          else expect(close(both.xof ?? NaN, ta.xof + tb.xof)).toBe(true);
        },
      ),
    );
  });

  it('converts at the rate of the value date month, USD by a cross rate through XOF', () => {
    const book = rateBook([
      {
        id: 'EUR:2026-03',
        currency: 'EUR',
        month: '2026-03',
        xofPerUnit: 655.957,
        source: '',
        deleted: false,
      },
      { id: 'USD:2026-03', currency: 'USD', month: '2026-03', xofPerUnit: 600, source: '', deleted: false },
    ]);
    const amounts: Money[] = [
      { value: 1000, currency: 'EUR', valueDate: '2026-03-10' },
      { value: 600_000, currency: 'XOF', valueDate: '2026-03-31' },
      { value: -100, currency: 'USD', valueDate: '2026-03-01' },
    ];
    const totals = totalOf(amounts, book);
    expect(totals.xof).toBeCloseTo(655_957 + 600_000 - 60_000, 6);
    expect(totals.usd).toBeCloseTo(655_957 / 600 + 1000 - 100, 6);
    expect(totals.missing).toEqual([]);
    expect(totals.used).toEqual([
      { currency: 'EUR', month: '2026-03', xofPerUnit: 655.957 },
      { currency: 'USD', month: '2026-03', xofPerUnit: 600 },
    ]);
  });

  it('reports a missing rate instead of counting the amount as zero', () => {
    const totals = totalOf([{ value: 5, currency: 'EUR', valueDate: '2026-04-02' }], rateBook([]));
    expect(totals).toMatchObject({ xof: null, usd: null });
    expect(totals.missing).toEqual([
      { currency: 'EUR', month: '2026-04' },
      { currency: 'USD', month: '2026-04' },
    ]);
  });

  it('needs no rate at all for XOF amounts in XOF, and gives 0 for nothing', () => {
    const totals = totalOf([{ value: 7, currency: 'XOF', valueDate: '2026-04-02' }], rateBook([]));
    expect(totals.xof).toBe(7);
    expect(totals.usd).toBeNull();
    expect(totalOf([], rateBook([]))).toEqual({ count: 0, xof: 0, usd: 0, used: [], missing: [] });
  });
});

describe('totalsBy', () => {
  it('groups by key and leaves deleted records out', () => {
    const book = rateBook([]);
    const rows = [
      { type: '3', value: 1, currency: 'XOF', valueDate: '2026-01-01', deleted: false },
      { type: '3', value: 2, currency: 'XOF', valueDate: '2026-01-01', deleted: false },
      { type: '4', value: 4, currency: 'XOF', valueDate: '2026-01-01', deleted: true },
    ];
    const totals = totalsBy(rows, (r) => r.type, book);
    expect([...totals.keys()]).toEqual(['3']);
    expect(totals.get('3')?.xof).toBe(3);
  });
});
