import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRatesCsv } from '../../../src/core/flows/ratesCsv';

describe('parseRatesCsv', () => {
  it('reads commas or semicolons (with a decimal comma), skips a header and blank lines', () => {
    const result = parseRatesCsv(
      'currency,month,xofPerUnit,source\nEUR,2026-03,655.957,BCEAO\n\nusd;2026-03;603,5;BCEAO; cours moyen\n',
    );
    expect(result.errors).toEqual([]);
    expect(result.rates).toEqual([
      {
        id: 'EUR:2026-03',
        currency: 'EUR',
        month: '2026-03',
        xofPerUnit: 655.957,
        source: 'BCEAO',
        deleted: false,
      },
      {
        id: 'USD:2026-03',
        currency: 'USD',
        month: '2026-03',
        xofPerUnit: 603.5,
        source: 'BCEAO; cours moyen',
        deleted: false,
      },
    ]);
  });

  it('names each refused line with the reason', () => {
    const result = parseRatesCsv('EUR,2026-13,655\nXOF,2026-03,1\nGBP,2026-03,\nFCFA,2026-03,1');
    expect(result.rates).toEqual([]);
    expect(result.errors.map((e) => e.line)).toEqual([1, 2, 3, 4]);
    expect(result.errors[0]?.message).toMatch(/YYYY-MM/);
    expect(result.errors[1]?.message).toMatch(/XOF is the base/);
    expect(result.errors[3]?.message).toMatch(/ISO 4217/);
  });

  it('gives back every rate it was given, written either way', () => {
    const rate = fc.record({
      currency: fc.constantFrom('EUR', 'USD', 'GBP', 'CHF'),
      month: fc
        .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }))
        .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      xofPerUnit: fc.double({ min: 0.001, max: 1e6, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(rate, { selector: (r) => `${r.currency}:${r.month}` }),
        fc.boolean(),
        (rates, french) => {
          const text = rates
            .map((r) =>
              french
                ? `${r.currency};${r.month};${String(r.xofPerUnit).replace('.', ',')}`
                : `${r.currency},${r.month},${r.xofPerUnit}`,
            )
            .join('\n');
          const result = parseRatesCsv(text);
          expect(result.errors).toEqual([]);
          expect(result.rates.map((r) => [r.currency, r.month, r.xofPerUnit])).toEqual(
            rates.map((r) => [r.currency, r.month, r.xofPerUnit]),
          );
        },
      ),
    );
  });
});
