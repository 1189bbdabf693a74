import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateToParts, isRealDate, PART_ORDER, partsToDate } from '../../../src/core/i18n/dateParts';

const realDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('dates typed as day, month and year', () => {
  it('any real day goes through its parts and back unchanged', () => {
    fc.assert(
      fc.property(realDay, (iso) => {
        expect(isRealDate(iso)).toBe(true);
        expect(partsToDate(dateToParts(iso))).toBe(iso);
      }),
    );
  });

  it('the day and the month are never swapped: each is read from its own field', () => {
    expect(partsToDate({ day: '5', month: '1', year: '2026' })).toBe('2026-01-05');
    expect(partsToDate({ day: '1', month: '5', year: '2026' })).toBe('2026-05-01');
    expect(dateToParts('2026-01-05')).toEqual({ day: '5', month: '1', year: '2026' });
    expect(PART_ORDER.fr).toEqual(['day', 'month', 'year']);
    expect(PART_ORDER.en).toEqual(['month', 'day', 'year']);
  });

  it('keeps an incomplete or impossible date as typed, which is not a date (so the form says so)', () => {
    expect(partsToDate({ day: '', month: '', year: '' })).toBeUndefined();
    for (const parts of [
      { day: '31', month: '2', year: '2026' },
      { day: '5', month: '', year: '2026' },
      { day: '5', month: '1', year: '26' },
      { day: '0', month: '1', year: '2026' },
      { day: 'x', month: '1', year: '2026' },
    ]) {
      const value = partsToDate(parts);
      expect(isRealDate(value ?? '')).toBe(false);
      if (/^\d*$/.test(parts.day)) expect(dateToParts(value)).toEqual(parts);
    }
  });

  it('an impossible day is never a real date, whatever the parts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 40 }),
        fc.integer({ min: 1900, max: 2099 }),
        (m, d, y) => {
          const value = partsToDate({ day: String(d), month: String(m), year: String(y) }) ?? '';
          const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
          expect(isRealDate(value)).toBe(d <= days);
        },
      ),
    );
  });
});
