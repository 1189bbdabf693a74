import { describe, expect, it } from 'vitest';
import { tableColumns } from '../../../src/app/components/dataTable/columns';
import type { SubmissionRecord } from '../../../src/app/db/schema';
import { dateTime } from '../../../src/app/i18n/format';
import '../../../src/app/i18n/dataTableStrings';
import '../../../src/app/i18n/pageStrings';
import { translator } from '../../../src/app/i18n/translate';
import { householdDefinition } from '../fixtures';
import { submissionAt } from '../repositories/coordinationFixtures';

describe('the data table’s columns', () => {
  it('show dates as every page does (format.ts), labels and choices in the UI language', () => {
    for (const lang of ['fr', 'en'] as const) {
      const columns = tableColumns(householdDefinition, lang, translator(lang), (id) => `agent ${id}`);
      expect(columns.map((c) => c.key)).toEqual([
        'date',
        'agent',
        'status',
        'q:members',
        'q:village',
        'q:notes',
      ]);
      const row: SubmissionRecord = submissionAt('s1', '2026-01-05T14:30:00.000Z', {
        data: { members: 4, village: 'kidal' },
      });
      const cells = columns.map((c) => c.cell(row, 'verified'));
      expect(cells[0]!.text).toBe(dateTime(row.finalizedAt, lang));
      expect(cells[1]!.text).toBe(`agent ${row.createdBy}`);
      expect(cells[2]!.text).toBe(lang === 'fr' ? 'Vérifiée' : 'Verified');
      expect(cells[3]).toEqual({ value: 4, text: '4' });
      expect(cells[4]).toEqual({ value: 'Kidal', text: 'Kidal' });
      expect(cells[5]).toEqual({ value: null, text: '' });
    }
    expect(tableColumns(householdDefinition, 'en', translator('en'), String)[0]!.label).toBe('Date');
  });
});
