import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annualPeriod,
  bimonthlyPeriod,
  bimonthlyPeriods,
  dayOf,
  inPeriod,
  periodLabel,
  periodOf,
} from '../../../src/core/indicators/periods';
import { IsoDate } from '../../../src/core/records/iatiCodes';

/** Any calendar day from 1990 to 2100, as YYYY-MM-DD. */
const day = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('periods', () => {
  it('cuts a year in six bimonthly periods, leap February included', () => {
    expect(bimonthlyPeriods(2028)).toEqual([
      { start: '2028-01-01', end: '2028-02-29' },
      { start: '2028-03-01', end: '2028-04-30' },
      { start: '2028-05-01', end: '2028-06-30' },
      { start: '2028-07-01', end: '2028-08-31' },
      { start: '2028-09-01', end: '2028-10-31' },
      { start: '2028-11-01', end: '2028-12-31' },
    ]);
    expect(bimonthlyPeriods(2026)[0]).toEqual({ start: '2026-01-01', end: '2026-02-28' });
  });

  it('puts every day in exactly one bimonthly period of its year, the one periodOf names', () => {
    fc.assert(
      fc.property(day, (d) => {
        const year = Number(d.slice(0, 4));
        const containing = bimonthlyPeriods(year).filter((p) => inPeriod(p, d));
        expect(containing).toEqual([periodOf('bimonthly', d)]);
        expect(inPeriod(annualPeriod(year), d)).toBe(true);
        expect(periodOf('annual', d)).toEqual(annualPeriod(year));
      }),
    );
  });

  it('reads the day a date-time states, whatever the offset', () => {
    expect(dayOf('2026-02-28T23:59:59.999Z')).toBe('2026-02-28');
    expect(dayOf('2026-03-01T00:10:00+01:00')).toBe('2026-03-01');
    expect(dayOf('2026-13-01')).toBeNull();
    expect(dayOf(42)).toBeNull();
    expect(periodOf('bimonthly', '2026-02-28T23:59:59Z')).toEqual({ start: '2026-01-01', end: '2026-02-28' });
    expect(periodOf('bimonthly', 'soon')).toBeNull();
  });

  it('refuses a day the calendar lacks, as IsoDate does', () => {
    expect(dayOf('2026-02-31')).toBeNull();
    expect(dayOf('2026-02-29T10:00:00Z')).toBeNull();
    expect(dayOf('2028-02-29T10:00:00Z')).toBe('2028-02-29');
    expect(dayOf('2026-04-31')).toBeNull();
    expect(dayOf('0000-01-01')).toBeNull();
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.constantFrom('', 'T08:00:00Z', 'T23:59:59+01:00'),
        (year, month, d, time) => {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(d, 2)}`;
          const valid = IsoDate.safeParse(text).success;
          expect(dayOf(text + time)).toBe(valid ? text : null);
        },
      ),
    );
  });

  it('labels every bimonthly period with its index', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 6 }), (year, index) => {
        expect(periodLabel(bimonthlyPeriod(year, index))).toEqual({
          kind: 'bimonthly',
          year,
          index,
          startMonth: 2 * index - 1,
          endMonth: 2 * index,
        });
      }),
    );
  });

  it('labels standard periods and only them', () => {
    expect(periodLabel({ start: '2026-03-01', end: '2026-04-30' })).toEqual({
      kind: 'bimonthly',
      year: 2026,
      index: 2,
      startMonth: 3,
      endMonth: 4,
    });
    expect(periodLabel(annualPeriod(2026))).toEqual({
      kind: 'annual',
      year: 2026,
      index: 1,
      startMonth: 1,
      endMonth: 12,
    });
    expect(periodLabel({ start: '2026-02-01', end: '2026-03-31' })).toBeNull();
    expect(periodLabel({ start: '2026-01-01', end: '2026-06-30' })).toBeNull();
  });
});
