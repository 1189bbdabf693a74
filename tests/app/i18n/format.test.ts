import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateToParts, partsToDate } from '../../../src/core/i18n/dateParts';
import { day, days } from '../../../src/app/i18n/format';

const realDay = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('dates shown by the interface language, the same way on every page', () => {
  it('5 janv. 2026 / Jan 5, 2026', () => {
    expect(day('2026-01-05', 'fr')).toBe('5 janv. 2026');
    expect(day('2026-01-05', 'en')).toBe('Jan 5, 2026');
    expect(days('2026-01-01', '2026-06-30', 'fr')).toBe('1 janv. 2026 – 30 juin 2026');
    expect(day('not a date', 'en')).toBe('not a date');
  });

  it('a day typed in its parts is shown as that same day, in either language', () => {
    fc.assert(
      fc.property(realDay, (iso) => {
        const parts = dateToParts(iso);
        expect(partsToDate(parts)).toBe(iso);
        const fr = day(iso, 'fr');
        const en = day(iso, 'en');
        expect(fr.startsWith(`${parts.day} `) || fr.startsWith(`${parts.day}er `)).toBe(true);
        expect(fr.endsWith(parts.year)).toBe(true);
        expect(en).toMatch(new RegExp(`^[A-Z][a-z]{2} ${parts.day}, ${parts.year}$`));
      }),
    );
  });
});
