import { describe, expect, it } from 'vitest';
import { IsoDate } from '../../../src/core/records/iatiCodes';

describe('IsoDate', () => {
  it('takes days of the calendar, leap days included', () => {
    for (const day of ['2026-01-31', '2024-02-29', '2000-02-29', '0001-01-01'])
      expect(IsoDate.safeParse(day).success).toBe(true);
  });

  it('refuses days the calendar lacks, which the IATI schema would refuse too', () => {
    for (const day of [
      '2026-02-31',
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '0000-01-01',
      '2026-13-01',
      '26-01-01',
    ])
      expect(IsoDate.safeParse(day).success).toBe(false);
  });
});
